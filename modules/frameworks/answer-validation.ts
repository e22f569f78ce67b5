import type { AnswerErrorCode, QuestionSetName, TFrameworkDefinition, TQuestion } from './definition-schema';
import { questionsOf } from './definition-schema';

/*
 * Server-side validation generated from the definition: the same definition drives the forms and the facets.
 * Unknown keys are dropped, hidden follow-ups are dropped, strings are NFC-normalised and trimmed.
 */

export interface AnswerError {
  questionId: string;
  code: AnswerErrorCode;
  params?: Record<string, string | number>;
  ruleId?: string;
}

export interface ValidationResult {
  errors: AnswerError[];
  /** The answers as they should be stored: only applicable, visible questions, normalised. */
  answers: Record<string, unknown>;
}

export type ValidationMode = 'draft' | 'complete';

const PRICE = /^\d{1,15}(\.\d{1,5})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function applicableQuestions(def: TFrameworkDefinition, set: QuestionSetName, lot?: string): TQuestion[] {
  return questionsOf(def.questionSets[set])
    .filter((entry) => !lot || !entry.lots || entry.lots.includes(lot))
    .map((entry) => entry.question);
}

/** A follow-up is shown (and required) only when a parent's answer matches one of its triggers. */
function isShown(question: TQuestion, all: TQuestion[], answers: Record<string, unknown>): boolean {
  if (!question.followupOnly) return true;
  return all.some((parent) => {
    const triggers = parent.followups?.[question.id];
    if (!triggers) return false;
    const answer = normaliseOptionAnswer(parent, answers[parent.id]);
    // A parent that is itself hidden reveals nothing, whatever its stored answer.
    if (Array.isArray(answer)) return answer.some((a) => triggers.includes(a)) && isShown(parent, all, answers);
    return answer !== undefined && triggers.includes(answer as string | boolean) && isShown(parent, all, answers);
  });
}

function normaliseOptionAnswer(question: TQuestion, raw: unknown): unknown {
  if (question.type === 'boolean') return toBoolean(raw);
  return raw;
}

function toBoolean(raw: unknown): boolean | undefined {
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  return undefined;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function cleanString(value: unknown): string | null {
  return typeof value === 'string' ? value.normalize('NFC').trim() : null;
}

export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/u).length : 0;
}

function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

type Check = { value?: unknown; error?: Omit<AnswerError, 'questionId'> };

function checkAnswer(q: TQuestion, raw: unknown): Check {
  switch (q.type) {
    case 'text': {
      const s = cleanString(raw);
      if (s === null) return { error: { code: 'tooLong', params: { max: q.maxLength } } };
      if (s.length > q.maxLength) return { error: { code: 'tooLong', params: { max: q.maxLength } } };
      if (q.pattern && !new RegExp(`^(?:${q.pattern})$`, 'u').test(s)) return { error: { code: 'patternMismatch' } };
      return { value: s };
    }
    case 'textarea': {
      const s = cleanString(raw);
      const maxLength = q.maxLength ?? q.maxWords * 12;
      if (s === null || s.length > maxLength) return { error: { code: 'tooLong', params: { max: maxLength } } };
      if (countWords(s) > q.maxWords) return { error: { code: 'tooManyWords', params: { max: q.maxWords } } };
      return { value: s };
    }
    case 'radios': {
      if (typeof raw !== 'string' || !q.options.some((o) => o.value === raw)) return { error: { code: 'notAnOption' } };
      return { value: raw };
    }
    case 'checkboxes': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : null;
      if (!list || list.some((v) => typeof v !== 'string' || !q.options.some((o) => o.value === v))) return { error: { code: 'notAnOption' } };
      const unique = [...new Set(list as string[])];
      const max = q.maxItems ?? q.options.length;
      if (unique.length > max) return { error: { code: 'tooManyItems', params: { max } } };
      if (q.minItems && unique.length < q.minItems) return { error: { code: 'tooFewItems', params: { min: q.minItems } } };
      return { value: unique };
    }
    case 'boolean': {
      const b = toBoolean(raw);
      if (b === undefined) return { error: { code: 'notAnOption' } };
      return { value: b };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
      if (!Number.isFinite(n)) return { error: { code: 'notANumber' } };
      if (q.integerOnly && !Number.isInteger(n)) return { error: { code: 'notInteger' } };
      if (n < q.min) return { error: { code: 'belowMin', params: { min: q.min } } };
      if (q.max !== undefined && n > q.max) return { error: { code: 'aboveMax', params: { max: q.max } } };
      return { value: n };
    }
    case 'pricing': {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: { code: 'invalidPrice' } };
      const p = raw as Record<string, unknown>;
      const min = cleanString(p.min);
      const max = isEmpty(p.max) ? null : cleanString(p.max);
      if (!min || !PRICE.test(min)) return { error: { code: 'invalidPrice' } };
      if (max !== null && !PRICE.test(max)) return { error: { code: 'invalidPrice' } };
      if (q.maxPrice === 'required' && max === null) return { error: { code: 'invalidPrice' } };
      if (q.maxPrice === 'none' && max !== null) return { error: { code: 'invalidPrice' } };
      if (max !== null && Number(max) < Number(min)) return { error: { code: 'minAboveMax' } };
      if (typeof p.unit !== 'string' || !(q.units as string[]).includes(p.unit)) return { error: { code: 'invalidUnit' } };
      const interval = isEmpty(p.interval) ? null : p.interval;
      if (q.intervals.length > 0 && (typeof interval !== 'string' || !(q.intervals as string[]).includes(interval))) {
        return { error: { code: 'invalidInterval' } };
      }
      if (q.intervals.length === 0 && interval !== null) return { error: { code: 'invalidInterval' } };
      return { value: { min, ...(max !== null ? { max } : {}), unit: p.unit, ...(interval ? { interval } : {}) } };
    }
    case 'list': {
      const list = Array.isArray(raw) ? raw : null;
      if (!list || list.some((v) => typeof v !== 'string')) return { error: { code: 'notAnOption' } };
      const trimmed = (list as string[]).map((v) => v.normalize('NFC').trim());
      // A paired list keeps its blanks: item i answers requirement i (modules/opportunities/evidence.ts).
      const items = q.pairedWith ? (trimmed.some(Boolean) ? trimmed : []) : trimmed.filter(Boolean);
      if (items.length > q.maxItems) return { error: { code: 'tooManyItems', params: { max: q.maxItems } } };
      if (items.some((i) => i.length > q.maxItemLength || countWords(i) > q.maxWordsPerItem)) {
        return { error: { code: 'itemTooLong', params: { max: q.maxWordsPerItem } } };
      }
      return { value: items };
    }
    case 'date': {
      const s = cleanString(raw);
      if (!s || !isCalendarDate(s)) return { error: { code: 'invalidDate' } };
      if (q.notBefore && s < q.notBefore) return { error: { code: 'tooEarly', params: { date: q.notBefore } } };
      if (q.notAfter && s > q.notAfter) return { error: { code: 'tooLate', params: { date: q.notAfter } } };
      return { value: s };
    }
    case 'upload': {
      const u = raw as { fileId?: unknown; name?: unknown; type?: unknown; bytes?: unknown } | null;
      const ok =
        typeof u === 'object' && u !== null &&
        typeof u.fileId === 'string' && /^[0-9a-f-]{36}$/.test(u.fileId) &&
        typeof u.name === 'string' && u.name.length <= 200 &&
        typeof u.type === 'string' && (q.accept as string[]).includes(u.type) &&
        typeof u.bytes === 'number' && u.bytes > 0 && u.bytes <= q.maxBytes;
      if (!ok) return { error: { code: 'invalidUpload', params: { max: q.maxBytes } } };
      return { value: { fileId: u.fileId, name: u.name, type: u.type, bytes: u.bytes } };
    }
  }
}

/**
 * Validates answers to one question set for one lot. In 'draft' mode missing answers are allowed (save and
 * return); 'complete' also enforces required questions, required values and cross-question rules.
 */
export function validateAnswers(
  def: TFrameworkDefinition,
  set: QuestionSetName,
  input: { lot?: string; answers: Record<string, unknown>; mode: ValidationMode },
): ValidationResult {
  const questions = applicableQuestions(def, set, input.lot);
  const errors: AnswerError[] = [];
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    if (!isShown(q, questions, input.answers)) continue;
    const raw = input.answers[q.id];
    if (isEmpty(raw)) {
      if (input.mode === 'complete' && !q.optional) errors.push({ questionId: q.id, code: 'required' });
      continue;
    }
    const checked = checkAnswer(q, raw);
    if (checked.error) {
      errors.push({ questionId: q.id, ...checked.error });
      continue;
    }
    if (q.type === 'list' && Array.isArray(checked.value) && checked.value.length === 0) {
      if (input.mode === 'complete' && !q.optional) errors.push({ questionId: q.id, code: 'required' });
      continue;
    }
    if (input.mode === 'complete' && q.type === 'list' && !q.pairedWith && q.minItems && (checked.value as string[]).length < q.minItems) {
      errors.push({ questionId: q.id, code: 'tooFewItems', params: { min: q.minItems } });
      continue;
    }
    if (input.mode === 'complete' && q.type === 'boolean' && q.requiredValue !== undefined && checked.value !== q.requiredValue) {
      errors.push({ questionId: q.id, code: q.requiredValue ? 'mustBeTrue' : 'mustBeFalse' });
      continue;
    }
    answers[q.id] = checked.value;
  }
  const invalid = new Set(errors.map((e) => e.questionId));
  for (const rule of def.rules.filter((r) => r.set === set)) {
    if (rule.kind === 'lessOrEqual') {
      const a = comparable(answers[rule.lesser]);
      const b = comparable(answers[rule.greater]);
      if (a !== null && b !== null && a > b) errors.push({ questionId: rule.lesser, code: 'ruleFailed', ruleId: rule.id });
      continue;
    }
    if (input.mode !== 'complete') continue;
    if (rule.kind === 'requireIf') {
      const trigger = answers[rule.if.question];
      const fired = Array.isArray(trigger) ? trigger.some((v) => rule.if.in.includes(v)) : trigger !== undefined && rule.if.in.includes(trigger as string | boolean);
      if (!fired) continue;
      for (const id of rule.then) {
        if (answers[id] === undefined && !invalid.has(id) && questions.some((q) => q.id === id)) {
          errors.push({ questionId: id, code: 'ruleFailed', ruleId: rule.id });
        }
      }
    } else if (rule.kind === 'atLeastOne') {
      const present = rule.questions.filter((id) => questions.some((q) => q.id === id));
      if (present.length > 0 && present.every((id) => answers[id] === undefined)) {
        errors.push({ questionId: present[0]!, code: 'ruleFailed', ruleId: rule.id });
      }
    }
  }
  return { errors, answers };
}

function comparable(value: unknown): number | string | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'min' in value) return Number((value as { min: string }).min);
  return null;
}

/**
 * Files are stored by the upload route, not posted with the form: an upload answer the form did not send
 * keeps its stored value.
 */
export function keepStoredUploads(
  def: TFrameworkDefinition,
  set: QuestionSetName,
  lot: string | undefined,
  stored: Record<string, unknown>,
  incoming: Record<string, unknown>,
): Record<string, unknown> {
  const merged = { ...incoming };
  for (const q of applicableQuestions(def, set, lot)) {
    if (q.type === 'upload' && merged[q.id] === undefined && stored[q.id] !== undefined) merged[q.id] = stored[q.id];
  }
  return merged;
}
