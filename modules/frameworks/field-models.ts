import { localised } from '@/modules/i18n/localised';
import type { TFunction } from '@/modules/i18n/server';
import type { AnswerError } from './answer-validation';
import type { TQuestion, TSection } from './definition-schema';
import { answerErrorMessage } from './messages';

/*
 * The definition turned into plain, translated data for the generated form (a client component): labels
 * resolved to the viewer's language, follow-up triggers resolved to their parents. Nothing here is
 * framework-specific.
 */

export interface FieldModel {
  id: string;
  type: TQuestion['type'];
  label: string;
  hint?: string;
  optional: boolean;
  options?: { value: string; label: string }[];
  maxWords?: number;
  maxItems?: number;
  /** A paired list: one box per item of the list it answers (e.g. the opportunity's requirements). */
  pairedItems?: string[];
  /** Number limits, or date limits (YYYY-MM-DD), as the definition sets them. */
  min?: number | string;
  max?: number | string;
  units?: { value: string; label: string }[];
  intervals?: { value: string; label: string }[];
  maxPrice?: 'none' | 'optional' | 'required';
  accept?: string[];
  maxBytes?: number;
  unitLabel?: string;
  /** Shown only when the parent's answer is one of these values. */
  revealedBy?: { parent: string; values: string[] }[];
  group?: { id: string; label: string; hint?: string };
}

export interface SectionModel {
  slug: string;
  name: string;
  description?: string;
  fields: FieldModel[];
}

export interface FormText {
  optional: string;
  yes: string;
  no: string;
  price: string;
  minPrice: string;
  maxPrice: string;
  unit: string;
  interval: string;
  item: string;
  wordLimit: Record<number, string>;
  uploadTypes: string;
  requirement: string;
  uploadLimit: string;
  uploadCurrent: string;
  summaryTitle: string;
}

export function buildSectionModels(
  sections: TSection[],
  opts: { lot?: string; locale: string; fallback: string; t: TFunction; pairs?: Record<string, string[]> },
): SectionModel[] {
  const { locale, fallback, t } = opts;
  const L = (text: Partial<Record<string, string>> | undefined) => (text ? localised(text, locale, fallback) : undefined);
  const applies = (entry: { lots?: string[] }) => !opts.lot || !entry.lots || entry.lots.includes(opts.lot);
  return sections.map((section) => {
    const flat: { q: TQuestion; group?: FieldModel['group'] }[] = [];
    for (const entry of section.questions.filter(applies)) {
      if (entry.type === 'multiquestion') {
        const group = { id: entry.id, label: L(entry.label)!, hint: L(entry.hint) };
        for (const q of entry.questions.filter(applies)) flat.push({ q, group });
      } else flat.push({ q: entry });
    }
    const revealers = new Map<string, { parent: string; values: string[] }[]>();
    for (const { q } of flat) {
      for (const [child, values] of Object.entries(q.followups ?? {})) {
        revealers.set(child, [...(revealers.get(child) ?? []), { parent: q.id, values: values.map(String) }]);
      }
    }
    return {
      slug: section.slug,
      name: L(section.name)!,
      description: L(section.description),
      fields: flat.map(({ q, group }): FieldModel => ({
        id: q.id,
        type: q.type,
        label: L(q.label)!,
        hint: L(q.hint),
        optional: q.optional,
        group,
        revealedBy: q.followupOnly ? revealers.get(q.id) : undefined,
        ...(q.type === 'radios' || q.type === 'checkboxes' ? { options: q.options.map((o) => ({ value: o.value, label: L(o.label)! })) } : {}),
        ...(q.type === 'textarea' ? { maxWords: q.maxWords } : {}),
        ...(q.type === 'list' ? { maxItems: q.maxItems, ...(q.pairedWith && opts.pairs?.[q.id] ? { pairedItems: opts.pairs[q.id] } : {}) } : {}),
        ...(q.type === 'number' && q.unit ? { unitLabel: L(q.unit) } : {}),
        ...(q.type === 'number' ? { min: q.min, max: q.max } : {}),
        ...(q.type === 'date' ? { min: q.notBefore, max: q.notAfter } : {}),
        ...(q.type === 'upload' ? { accept: q.accept, maxBytes: q.maxBytes } : {}),
        ...(q.type === 'pricing'
          ? {
              maxPrice: q.maxPrice,
              units: q.units.map((u) => ({ value: u, label: t(`forms.units.${u}`) })),
              intervals: q.intervals.map((i) => ({ value: i, label: t(`forms.intervals.${i}`) })),
            }
          : {}),
      })),
    };
  });
}

export function buildFormText(t: TFunction, wordLimits: number[]): FormText {
  return {
    optional: t('forms.optional'),
    yes: t('forms.yes'),
    no: t('forms.no'),
    price: t('forms.price'),
    minPrice: t('forms.minPrice'),
    maxPrice: t('forms.maxPrice'),
    unit: t('forms.unit'),
    interval: t('forms.interval'),
    item: t('forms.item', { number: '{{number}}' }),
    wordLimit: Object.fromEntries([...new Set(wordLimits)].map((n) => [n, t('forms.wordLimit', { count: n })])),
    uploadTypes: t('forms.uploadTypes', { types: '{{types}}' }),
    uploadLimit: t('forms.uploadLimit', { max: '{{max}}' }),
    requirement: t('forms.requirement', { number: '{{number}}' }),
    uploadCurrent: t('forms.uploadCurrent', { name: '{{name}}' }),
    summaryTitle: t('errors.summaryTitle'),
  };
}

/** Translated messages per question for a set of validation errors. */
export function errorMessages(
  errors: AnswerError[],
  questions: TQuestion[],
  rules: { id: string; message: Partial<Record<string, string>> }[],
  opts: { t: TFunction; locale: string; fallback: string },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    if (out[error.questionId]) continue;
    const rule = error.ruleId ? rules.find((r) => r.id === error.ruleId) : undefined;
    const question = questions.find((q) => q.id === error.questionId);
    out[error.questionId] = rule
      ? localised(rule.message, opts.locale, opts.fallback)
      : question
        ? answerErrorMessage(error, question, opts.t, opts.locale, opts.fallback)
        : opts.t('validation.invalid');
  }
  return out;
}
