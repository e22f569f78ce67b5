import { randomUUID } from 'node:crypto';
import { applicableQuestions, validateAnswers } from './answer-validation';
import type { QuestionSetName, TFrameworkDefinition, TQuestion } from './definition-schema';

/*
 * Demonstration data only: completes a set of answers so that it passes the definition, keeping the answers
 * the seed gives (names, descriptions) and filling the rest with plausible values derived from the questions.
 * Works for any definition, so demo tenants never need code per framework.
 */
export function completeDemoAnswers(
  def: TFrameworkDefinition,
  set: QuestionSetName,
  lot: string | undefined,
  given: Record<string, unknown>,
  locale: string,
): Record<string, unknown> {
  const answers: Record<string, unknown> = { ...given };
  const questions = applicableQuestions(def, set, lot);
  // Follow-ups appear as their parents are answered, so fill in a few rounds.
  for (let round = 0; round < 4; round++) {
    const { errors } = validateAnswers(def, set, { lot, answers, mode: 'complete' });
    const missing = errors.filter((e) => e.code === 'required' || e.code === 'ruleFailed' || e.code === 'mustBeTrue' || e.code === 'mustBeFalse');
    if (missing.length === 0) break;
    for (const error of missing) {
      const q = questions.find((x) => x.id === error.questionId);
      if (q) answers[q.id] = demoValue(q, locale);
    }
  }
  const result = validateAnswers(def, set, { lot, answers, mode: 'complete' });
  if (result.errors.length > 0) {
    throw new Error(`Demo answers do not pass the definition: ${JSON.stringify(result.errors.slice(0, 5))}`);
  }
  return result.answers;
}

function demoValue(q: TQuestion, locale: string): unknown {
  switch (q.type) {
    case 'text':
      return q.pattern ? undefined : (q.label[locale as keyof typeof q.label] ?? Object.values(q.label)[0] ?? 'Yes').slice(0, q.maxLength);
    case 'textarea':
      return (q.hint?.[locale as keyof typeof q.hint] ?? q.label[locale as keyof typeof q.label] ?? Object.values(q.label)[0] ?? '')
        .split(/\s+/)
        .slice(0, Math.min(q.maxWords, 40))
        .join(' ');
    case 'radios':
      return q.options[0]!.value;
    case 'checkboxes':
      return q.options.slice(0, Math.max(1, Math.min(q.minItems ?? 1, q.maxItems ?? 2, 2))).map((o) => o.value);
    case 'boolean':
      return q.requiredValue ?? q.assessment?.passIfIn.find((v): v is boolean => typeof v === 'boolean') ?? true;
    case 'number':
      return q.integerOnly ? Math.ceil(Math.max(q.min, 1)) : Math.max(q.min, 1);
    case 'pricing':
      return {
        min: '450',
        ...(q.maxPrice === 'required' ? { max: '950' } : {}),
        unit: q.units[0],
        ...(q.intervals.length > 0 ? { interval: q.intervals[0] } : {}),
      };
    case 'list':
      return Array.from({ length: Math.max(q.minItems, 1) }, (_, i) => `${Object.values(q.label)[0]?.split(/\s+/).slice(0, Math.min(3, q.maxWordsPerItem - 1)).join(' ')} ${i + 1}`);
    case 'date':
      return q.notBefore && q.notBefore > '2026-01-05' ? q.notBefore : '2026-01-05';
    case 'upload':
      // PDF where the question takes it: the seed stores a real generated PDF for those (modules/files/demo-documents.ts).
      const type = q.accept.includes('pdf') ? 'pdf' : q.accept[0];
      const label = (q.label[locale as keyof typeof q.label] ?? Object.values(q.label)[0] ?? q.id).replace(/[^\p{L}\p{N} -]/gu, '').trim();
      return { fileId: randomUUID(), name: `${label || q.id}.${type}`, type, bytes: 1024 };
  }
}
