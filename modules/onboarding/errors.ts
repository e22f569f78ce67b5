import type { ZodError } from 'zod';
import type { TFunction } from '@/modules/i18n/server';

const TRANSLATED = ['validation.', 'onboarding.', 'tenantSettings.', 'platformConsole.', 'billing.'];

/** One translated message per form field from a zod error; unknown messages become a generic one. */
export function translatedFieldErrors(error: ZodError, t: TFunction, fieldFor: (path: PropertyKey[]) => string = (p) => String(p[0] ?? 'form')): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = fieldFor(issue.path);
    if (out[field]) continue;
    const params = 'params' in issue && issue.params ? (issue.params as Record<string, string>) : {};
    out[field] = TRANSLATED.some((p) => issue.message.startsWith(p)) ? t(issue.message, params) : t('validation.invalid');
  }
  return out;
}

export function formStrings(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION')) continue;
    values[key] = values[key] !== undefined ? `${values[key]},${value.slice(0, 5000)}` : value.slice(0, 5000);
  }
  return values;
}
