import type { TFrameworkDefinition, TLocalisedText } from './definition-schema';
import { applicableQuestions } from './answer-validation';

export interface SearchFilter {
  questionId: string;
  label: TLocalisedText;
  /** single: one of the options (radios); multi: any of the options (checkboxes); boolean: yes. */
  kind: 'single' | 'multi' | 'boolean';
  options: { value: string; label: TLocalisedText }[];
}

/** Catalogue facets come from the services questions marked `filter`; nothing is configured twice. */
export function deriveSearchFilters(def: TFrameworkDefinition, lot?: string): SearchFilter[] {
  return applicableQuestions(def, 'services', lot)
    .filter((q) => q.filter)
    .flatMap((q): SearchFilter[] => {
      if (q.type === 'radios') return [{ questionId: q.id, label: q.label, kind: 'single', options: q.options.map(({ value, label }) => ({ value, label })) }];
      if (q.type === 'checkboxes') return [{ questionId: q.id, label: q.label, kind: 'multi', options: q.options.map(({ value, label }) => ({ value, label })) }];
      if (q.type === 'boolean') return [{ questionId: q.id, label: q.label, kind: 'boolean', options: [] }];
      return [];
    });
}
