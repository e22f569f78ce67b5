import { describe, expect, it } from 'vitest';
import { validateAnswers } from '@/modules/frameworks/answer-validation';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { checkEvidence, requirementsByEvidence } from '@/modules/opportunities/evidence';

const def = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.opportunities);
const LOT = 'digital-specialists';
const opportunity = { essentialRequirements: ['GOV.UK Design System', 'Accessibility audits'], niceToHaveRequirements: ['Welsh language services'] };

describe('evidence answered requirement by requirement', () => {
  it('pairs each evidence list with the opportunity list it answers', () => {
    expect(requirementsByEvidence(def, LOT, opportunity)).toEqual({
      essentialEvidence: ['GOV.UK Design System', 'Accessibility audits'],
      niceToHaveEvidence: ['Welsh language services'],
    });
  });

  it('keeps blank positions, so item i still answers requirement i', () => {
    const { answers } = validateAnswers(def, 'response', { lot: LOT, answers: { essentialEvidence: ['', ' Ran audits for HMRC '] }, mode: 'draft' });
    expect(answers.essentialEvidence).toEqual(['', 'Ran audits for HMRC']);
  });

  it('on submission every essential requirement needs its evidence; nice-to-have ones may stay blank', () => {
    const missingSecond = checkEvidence(def, LOT, opportunity, { essentialEvidence: ['Built three services', ''], niceToHaveEvidence: [''] }, 'complete');
    expect(missingSecond).toEqual([{ questionId: 'essentialEvidence', code: 'evidenceMissing', params: { number: 2 } }]);
    expect(checkEvidence(def, LOT, opportunity, { essentialEvidence: ['Built three services'] }, 'complete')).toEqual([
      { questionId: 'essentialEvidence', code: 'evidenceMissing', params: { number: 2 } },
    ]);
    expect(checkEvidence(def, LOT, opportunity, { essentialEvidence: ['a', 'b'] }, 'complete')).toEqual([]);
    // A draft may be incomplete.
    expect(checkEvidence(def, LOT, opportunity, { essentialEvidence: ['a'] }, 'draft')).toEqual([]);
  });

  it('refuses more answers than requirements', () => {
    expect(checkEvidence(def, LOT, opportunity, { essentialEvidence: ['a', 'b', 'c'] }, 'draft')).toEqual([
      { questionId: 'essentialEvidence', code: 'evidenceCount', params: { count: 2 } },
    ]);
  });
});
