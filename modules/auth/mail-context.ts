import { AsyncLocalStorage } from 'node:async_hooks';

/** Carries the page's tenant and locale into Auth.js's sendVerificationRequest callback. */
export const signInMailContext = new AsyncLocalStorage<{ tenantId: string | null; tenantName: string; locale: string }>();
