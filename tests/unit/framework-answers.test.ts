import { describe, expect, it } from 'vitest';
import { validateAnswers } from '@/modules/frameworks/answer-validation';
import { assessDeclaration } from '@/modules/frameworks/declaration-assessment';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { smallDefinition } from '../fixtures/frameworks/small-definition';

const def = ZFrameworkDefinition.parse(smallDefinition());

const goodHosting = {
  serviceName: '  Cloud Compute  ',
  summary: 'Fast secure hosting',
  dataLocation: 'domestic',
  categories: ['compute', 'storage'],
  freeTrial: 'false',
  price: { min: '10', max: '20.50', unit: 'user', interval: 'month' },
  startDate: '2027-02-28',
  apiDocs: 'https://example.org/api',
};

function errorFor(answers: Record<string, unknown>, questionId: string, lot = 'hosting') {
  return validateAnswers(def, 'services', { lot, answers: { ...goodHosting, ...answers }, mode: 'complete' }).errors.find(
    (e) => e.questionId === questionId,
  );
}

describe('answers are validated from the definition', () => {
  it('accepts a complete, valid hosting service and normalises it', () => {
    const result = validateAnswers(def, 'services', { lot: 'hosting', answers: { ...goodHosting, unknownField: 'x' }, mode: 'complete' });
    expect(result.errors).toEqual([]);
    expect(result.answers.serviceName).toBe('Cloud Compute');
    expect(result.answers.freeTrial).toBe(false);
    expect(result.answers).not.toHaveProperty('unknownField');
  });

  it('draft mode allows missing answers but still rejects bad ones', () => {
    const result = validateAnswers(def, 'services', { lot: 'hosting', answers: { serviceName: 'x'.repeat(31) }, mode: 'draft' });
    expect(result.errors).toEqual([{ questionId: 'serviceName', code: 'tooLong', params: { max: 30 } }]);
  });

  it('complete mode requires every visible, non-optional question', () => {
    const codes = validateAnswers(def, 'services', { lot: 'hosting', answers: {}, mode: 'complete' }).errors.map((e) => `${e.questionId}:${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(['serviceName:required', 'summary:required', 'price:required', 'categories:required']));
    expect(codes).not.toContain('abroadCountries:required');
    expect(codes).not.toContain('dayRate:required');
  });

  it.each([
    ['text too long', { serviceName: 'x'.repeat(31) }, 'serviceName', 'tooLong'],
    ['text pattern', { companyNumber: '12AB' }, 'companyNumber', 'patternMismatch'],
    ['textarea words', { summary: 'one two three four five six' }, 'summary', 'tooManyWords'],
    ['radios option', { dataLocation: 'moon' }, 'dataLocation', 'notAnOption'],
    ['checkboxes option', { categories: ['compute', 'teleport'] }, 'categories', 'notAnOption'],
    ['checkboxes max', { categories: ['compute', 'storage', 'network'] }, 'categories', 'tooManyItems'],
    ['boolean', { freeTrial: 'perhaps' }, 'freeTrial', 'notAnOption'],
    ['number', { freeTrial: true, trialLength: 'ten' }, 'trialLength', 'notANumber'],
    ['number integer', { freeTrial: true, trialLength: 2.5 }, 'trialLength', 'notInteger'],
    ['number min', { freeTrial: true, trialLength: 0 }, 'trialLength', 'belowMin'],
    ['number max', { freeTrial: true, trialLength: 91 }, 'trialLength', 'aboveMax'],
    ['price format', { price: { min: '1e3', unit: 'user', interval: 'month' } }, 'price', 'invalidPrice'],
    ['price order', { price: { min: '30', max: '20', unit: 'user', interval: 'month' } }, 'price', 'minAboveMax'],
    ['price unit', { price: { min: '30', unit: 'planet', interval: 'month' } }, 'price', 'invalidUnit'],
    ['price interval', { price: { min: '30', unit: 'user' } }, 'price', 'invalidInterval'],
    ['list items', { dataLocation: 'abroad', companyNumber: '12345678', abroadCountries: ['a', 'b', 'c', 'd'] }, 'abroadCountries', 'tooManyItems'],
    ['list item words', { dataLocation: 'abroad', companyNumber: '12345678', abroadCountries: ['far too many words'] }, 'abroadCountries', 'itemTooLong'],
    ['date real', { startDate: '2027-02-30' }, 'startDate', 'invalidDate'],
    ['date early', { startDate: '2025-12-31' }, 'startDate', 'tooEarly'],
    ['date late', { startDate: '2031-01-01' }, 'startDate', 'tooLate'],
    ['upload type', { pricingDocument: { fileId: '00000000-0000-4000-8000-000000000000', name: 'x.exe', type: 'exe', bytes: 10 } }, 'pricingDocument', 'invalidUpload'],
    ['upload size', { pricingDocument: { fileId: '00000000-0000-4000-8000-000000000000', name: 'x.pdf', type: 'pdf', bytes: 5000 } }, 'pricingDocument', 'invalidUpload'],
  ])('refuses a bad answer: %s', (_name, answers, questionId, code) => {
    expect(errorFor(answers, questionId)?.code).toBe(code);
  });

  it('a follow-up is required only when its trigger is chosen, and dropped otherwise', () => {
    expect(errorFor({ freeTrial: true }, 'trialLength')?.code).toBe('required');
    const hidden = validateAnswers(def, 'services', { lot: 'hosting', answers: { ...goodHosting, freeTrial: false, trialLength: 30 }, mode: 'complete' });
    expect(hidden.errors).toEqual([]);
    expect(hidden.answers).not.toHaveProperty('trialLength');
  });

  it('lot scoping: a question for another lot is neither required nor kept', () => {
    const result = validateAnswers(def, 'services', {
      lot: 'specialists',
      answers: { ...goodHosting, categories: ['compute'], dayRate: { min: '600', unit: 'person', interval: 'day' } },
      mode: 'complete',
    });
    expect(result.errors).toEqual([]);
    expect(result.answers).not.toHaveProperty('categories');
    expect(result.answers.dayRate).toEqual({ min: '600', unit: 'person', interval: 'day' });
    expect(errorFor({ dayRate: { min: '600', max: '700', unit: 'person', interval: 'day' } }, 'dayRate', 'specialists')?.code).toBe('invalidPrice');
  });

  it('applies cross-question rules declared as data', () => {
    expect(errorFor({ minTeam: 5, maxTeam: 3 }, 'minTeam')).toMatchObject({ code: 'ruleFailed', ruleId: 'teamRange' });
    expect(errorFor({ apiDocs: undefined }, 'apiDocs')).toMatchObject({ code: 'ruleFailed', ruleId: 'someDocs' });
    expect(errorFor({ dataLocation: 'abroad', abroadCountries: ['Chile'] }, 'companyNumber')).toMatchObject({ ruleId: 'numberIfAbroad' });
    expect(errorFor({ minTeam: 3, maxTeam: 5 }, 'minTeam')).toBeUndefined();
  });
});

describe('declaration assessment', () => {
  const base = { convicted: false, taxBreach: false, termsAccepted: true, organisationSize: 'small' };

  it('passes when every rule is met', () => {
    expect(assessDeclaration(def, base)).toEqual({ result: 'pass', failed: [], needsDecision: [] });
  });

  it('fails on a mandatory ground', () => {
    expect(assessDeclaration(def, { ...base, convicted: true })).toMatchObject({ result: 'fail', failed: ['convicted'] });
  });

  it('sends a discretionary ground to a person', () => {
    expect(assessDeclaration(def, { ...base, taxBreach: true, taxDetails: 'Paid in full in 2024.' })).toMatchObject({
      result: 'discretionary',
      needsDecision: ['taxBreach'],
    });
  });

  it('an incomplete declaration (missing follow-up, terms refused) cannot pass', () => {
    expect(assessDeclaration(def, { ...base, taxBreach: true }).result).toBe('incomplete');
    expect(assessDeclaration(def, { ...base, termsAccepted: false }).result).toBe('incomplete');
  });
});

describe('live edit differences', () => {
  it('lists only the answers that changed, ignoring key order', async () => {
    const { diffAnswers } = await import('@/modules/applications/live-edits');
    const before = { serviceName: 'A', price: { min: '10', unit: 'user', interval: 'month' }, categories: ['compute'] };
    const after = { serviceName: 'B', price: { interval: 'month', unit: 'user', min: '10' }, categories: ['compute', 'storage'] };
    expect(diffAnswers(def, 'hosting', before, after).map((c) => c.questionId)).toEqual(['serviceName', 'categories']);
  });
});
