import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getTranslator } from '@/modules/i18n/server';
import { fieldErrors } from '@/modules/tenancy/action-context';

describe('fieldErrors', () => {
  const t = getTranslator('fr');
  const errorsOf = (schema: z.ZodType, value: unknown) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) throw new Error('expected a failure');
    return fieldErrors(parsed.error, t, (path) => String(path[0]));
  };

  it('translates a message that names a translation key, in the request locale', () => {
    expect(errorsOf(z.object({ title: z.string().min(5, { message: 'opportunities.titleTooShort' }) }), { title: 'ab' })).toEqual({
      title: t('opportunities.titleTooShort'),
    });
  });

  it("never shows zod's English default or an unknown key: both become the generic translated message", () => {
    const generic = t('validation.invalid');
    expect(errorsOf(z.object({ a: z.string() }), { a: 3 })).toEqual({ a: generic });
    expect(errorsOf(z.object({ a: z.string().min(2, { message: 'nothing.here' }) }), { a: '' })).toEqual({ a: generic });
  });
});
