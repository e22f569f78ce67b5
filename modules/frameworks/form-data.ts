import type { TQuestion } from './definition-schema';

/** Reads a submitted generated form back into the answer shape validateAnswers() expects. */
export function formDataToAnswers(form: FormData, questions: TQuestion[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    if (q.type === 'checkboxes') {
      const values = form.getAll(q.id).map(String);
      if (values.length) answers[q.id] = values;
    } else if (q.type === 'list') {
      answers[q.id] = form.getAll(`${q.id}[]`).map(String);
    } else if (q.type === 'pricing') {
      const get = (part: string) => {
        const v = form.get(`${q.id}.${part}`);
        return typeof v === 'string' && v.trim() !== '' ? v : undefined;
      };
      if (get('min') !== undefined || get('max') !== undefined) {
        answers[q.id] = { min: get('min') ?? '', max: get('max'), unit: get('unit'), interval: get('interval') };
      }
    } else if (q.type === 'upload') {
      // Files arrive through the upload route handler, which stores them and returns a reference.
      continue;
    } else {
      const v = form.get(q.id);
      if (typeof v === 'string') answers[q.id] = v;
    }
  }
  return answers;
}
