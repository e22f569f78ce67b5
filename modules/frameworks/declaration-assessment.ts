import type { TFrameworkDefinition } from './definition-schema';
import { applicableQuestions, validateAnswers } from './answer-validation';

export type DeclarationResult = 'pass' | 'fail' | 'discretionary' | 'incomplete';

export interface DeclarationAssessment {
  result: DeclarationResult;
  /** Questions whose answer fails a non-discretionary rule. */
  failed: string[];
  /** Questions whose answer needs a person's decision. */
  needsDecision: string[];
}

/**
 * Automatic pass/fail from the declaration's rules (passIfIn). A failed discretionary question sends the
 * application to an evaluator instead of failing it; any failed mandatory question fails it.
 */
export function assessDeclaration(def: TFrameworkDefinition, answers: Record<string, unknown>): DeclarationAssessment {
  const validated = validateAnswers(def, 'declaration', { answers, mode: 'complete' });
  if (validated.errors.length > 0) return { result: 'incomplete', failed: [], needsDecision: [] };
  const failed: string[] = [];
  const needsDecision: string[] = [];
  for (const q of applicableQuestions(def, 'declaration')) {
    if (!q.assessment) continue;
    const answer = validated.answers[q.id];
    const passes = Array.isArray(answer) ? answer.every((a) => q.assessment!.passIfIn.includes(a)) : q.assessment.passIfIn.includes(answer as string | boolean);
    if (passes) continue;
    (q.assessment.discretionary ? needsDecision : failed).push(q.id);
  }
  const result: DeclarationResult = failed.length > 0 ? 'fail' : needsDecision.length > 0 ? 'discretionary' : 'pass';
  return { result, failed, needsDecision };
}
