import { describe, expect, it } from 'vitest';
import { getTranslator } from '@/modules/i18n/server';

describe('tenant terminology overrides', () => {
  it('an override in one language does not leak into another language through the fallback language', () => {
    const source = { slug: 'leak-check', configVersion: 1, terminology: { en: { 'terms.supplier': 'Seller' } } };
    expect(getTranslator('en', source)('terms.supplier')).toBe('Seller');
    expect(getTranslator('cy', source)('terms.supplier')).toBe(getTranslator('cy')('terms.supplier'));
    expect(getTranslator('cy', source)('terms.supplier')).not.toBe('Seller');
    expect(getTranslator('fr', source)('terms.supplier')).toBe(getTranslator('fr')('terms.supplier'));
  });
});
