import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { tenantIdentityProviders } from '@/db/schema/platform-onboarding';

/*
 * Sign-in by OpenID Connect per tenant: the tenant's administrator registers this marketplace with their identity
 * provider (redirect URI <site>/api/auth/callback/oidc) and enters the issuer, client id and secret here. Auth.js
 * offers the provider on that tenant's host only (modules/auth/config.ts builds providers per request).
 */

export const ZOidcSettings = z.object({
  issuer: z
    .string()
    .trim()
    .max(500)
    .pipe(z.url({ protocol: /^https?$/, message: 'tenantSettings.errors.issuer' })),
  clientId: z.string().trim().min(1, { message: 'onboarding.errors.required' }).max(300, { message: 'onboarding.errors.tooLong' }),
  /** Blank keeps the stored secret. */
  clientSecret: z.string().max(1000, { message: 'onboarding.errors.tooLong' }),
  label: z.string().trim().min(1, { message: 'onboarding.errors.required' }).max(80, { message: 'onboarding.errors.tooLong' }),
  enabled: z.boolean(),
});

function key(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is needed to store identity provider secrets');
  return createHash('sha256').update(`tenant-oidc:${secret}`).digest();
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function decryptSecret(stored: string): string {
  const [iv, tag, body] = stored.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key(), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
}

export async function findTenantOidc(db: Database, tenantId: string) {
  const [row] = await db.select().from(tenantIdentityProviders).where(eq(tenantIdentityProviders.tenantId, tenantId)).limit(1);
  return row ?? null;
}

/** The provider Auth.js should offer on this tenant, or null. */
export async function tenantOidcProvider(db: Database, tenantId: string) {
  const row = await findTenantOidc(db, tenantId);
  if (!row || !row.enabled) return null;
  return { issuer: row.issuer, clientId: row.clientId, clientSecret: decryptSecret(row.clientSecretEncrypted), label: row.label };
}

export async function saveTenantOidc(db: Database, tenantId: string, input: z.infer<typeof ZOidcSettings>): Promise<'saved' | 'secretRequired'> {
  const existing = await findTenantOidc(db, tenantId);
  if (!existing && !input.clientSecret) return 'secretRequired';
  const secret = input.clientSecret ? encryptSecret(input.clientSecret) : existing!.clientSecretEncrypted;
  const values = { issuer: input.issuer.replace(/\/$/, ''), clientId: input.clientId, clientSecretEncrypted: secret, label: input.label, enabled: input.enabled, updatedAt: new Date() };
  await db.insert(tenantIdentityProviders).values({ tenantId, ...values }).onConflictDoUpdate({ target: tenantIdentityProviders.tenantId, set: values });
  return 'saved';
}
