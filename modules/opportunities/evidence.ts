import { applicableQuestions, type AnswerError } from '@/modules/frameworks/answer-validation';
import type { TFrameworkDefinition } from '@/modules/frameworks/definition-schema';

/*
 * Evidence answered requirement by requirement (the Digital Outcomes pattern): a response list question with
 * `pairedWith` names a list in the opportunity; item i of the evidence answers requirement i. The form shows each
 * requirement beside its own box, the buyer reads them side by side, and a submitted response must evidence every
 * essential (non-optional) requirement.
 */

export interface EvidencePair {
  evidenceId: string;
  requirementId: string;
  required: boolean;
}

export function evidencePairs(def: TFrameworkDefinition, lot: string): EvidencePair[] {
  return applicableQuestions(def, 'response', lot).flatMap((q) =>
    q.type === 'list' && q.pairedWith ? [{ evidenceId: q.id, requirementId: q.pairedWith, required: !q.optional }] : [],
  );
}

/** The requirements each paired question answers, by evidence question id. */
export function requirementsByEvidence(def: TFrameworkDefinition, lot: string, opportunityAnswers: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of evidencePairs(def, lot)) {
    const list = opportunityAnswers[pair.requirementId];
    out[pair.evidenceId] = Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
  }
  return out;
}

/** Positions must match the requirements; on submission every essential requirement needs its evidence. */
export function checkEvidence(
  def: TFrameworkDefinition,
  lot: string,
  opportunityAnswers: Record<string, unknown>,
  responseAnswers: Record<string, unknown>,
  mode: 'draft' | 'complete',
): AnswerError[] {
  const requirements = requirementsByEvidence(def, lot, opportunityAnswers);
  const errors: AnswerError[] = [];
  for (const pair of evidencePairs(def, lot)) {
    const wanted = requirements[pair.evidenceId] ?? [];
    const given = responseAnswers[pair.evidenceId];
    const items = Array.isArray(given) ? (given as string[]) : [];
    if (items.length > wanted.length) {
      errors.push({ questionId: pair.evidenceId, code: 'evidenceCount', params: { count: wanted.length } });
      continue;
    }
    if (mode !== 'complete' || !pair.required) continue;
    const missing = wanted.findIndex((_, i) => !items[i]?.trim());
    if (missing !== -1) errors.push({ questionId: pair.evidenceId, code: 'evidenceMissing', params: { number: missing + 1 } });
  }
  return errors;
}
