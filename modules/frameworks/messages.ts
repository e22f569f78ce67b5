import { localised } from '@/modules/i18n/localised';
import type { TFunction } from '@/modules/i18n/server';
import type { AnswerError } from './answer-validation';
import type { TQuestion } from './definition-schema';

/** The question's own message for this error if the definition has one, else the translated default. */
export function answerErrorMessage(error: AnswerError, question: TQuestion, t: TFunction, locale: string, fallback: string): string {
  const own = question.messages?.[error.code];
  if (own) return localised(own, locale, fallback);
  return t(`frameworks.errors.${error.code}`, error.params ?? {});
}
