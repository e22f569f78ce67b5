import { z } from 'zod';
import type { TFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { localised } from '@/modules/i18n/localised';

/*
 * The terms of a call-off contract: the standard terms every contract has (value, period, extension options,
 * deliverables, charges, key staff, special terms) plus the fields of the framework's call-off template. A
 * template field with the id of a standard term is the same term (shown once); the parties come from the
 * records (buyer organisation, supplier) and are never typed in. Value and dates live in columns of the
 * version (what spend figures read); every other term in its `terms` JSON.
 */

export type TermType = 'text' | 'textarea' | 'number' | 'money' | 'date';

export interface TermField {
  id: string;
  type: TermType;
  optional: boolean;
  /** Translation key (standard terms) or the framework's own label. */
  labelKey?: string;
  label?: Partial<Record<string, string>>;
}

export const STANDARD_TERMS: TermField[] = [
  { id: 'value', type: 'money', optional: false, labelKey: 'contracts.terms.value' },
  { id: 'startDate', type: 'date', optional: false, labelKey: 'contracts.terms.startDate' },
  { id: 'endDate', type: 'date', optional: false, labelKey: 'contracts.terms.endDate' },
  { id: 'extensionOptions', type: 'textarea', optional: true, labelKey: 'contracts.terms.extensionOptions' },
  { id: 'deliverables', type: 'textarea', optional: false, labelKey: 'contracts.terms.deliverables' },
  { id: 'charges', type: 'textarea', optional: false, labelKey: 'contracts.terms.charges' },
  { id: 'keyStaff', type: 'textarea', optional: true, labelKey: 'contracts.terms.keyStaff' },
  { id: 'specialTerms', type: 'textarea', optional: true, labelKey: 'contracts.terms.specialTerms' },
];

/** Template ids that mean a standard term or a party (read from the records, not typed). */
const SAME_AS: Record<string, string | null> = { contractValue: 'value', buyerOrganisation: null, supplierName: null };
/** Rows for milestones in the statement of work form (it works without JavaScript, so the rows are fixed). */
export const MILESTONE_SLOTS = 5;
export const COLUMN_TERMS = ['value', 'startDate', 'endDate'] as const;

export function termFields(definition: TFrameworkDefinition | null | undefined): TermField[] {
  const template = definition?.callOffTemplate?.fields ?? [];
  // A standard term the template also lists is required if either says so.
  const fields = STANDARD_TERMS.map((f) => {
    const same = template.find((x) => x.id === f.id || SAME_AS[x.id] === f.id);
    return same && !same.optional ? { ...f, optional: false } : f;
  });
  const ids = new Set(fields.map((f) => f.id));
  for (const field of template) {
    if (field.id in SAME_AS || ids.has(field.id)) continue;
    fields.push({ id: field.id, type: field.type, optional: field.optional, label: field.label });
    ids.add(field.id);
  }
  return fields;
}

export function termLabel(field: TermField, t: (key: string) => string, locale: string, fallback: string): string {
  return field.labelKey ? t(field.labelKey) : localised(field.label, locale, fallback);
}

const money = /^\d{1,12}(\.\d{1,2})?$/;

function fieldSchema(field: TermField): z.ZodType<string> {
  const base = z.string().trim();
  const present = (s: z.ZodString) => (field.optional ? s : s.min(1, { message: 'contracts.errors.required' }));
  switch (field.type) {
    case 'text':
      return present(base.max(500, { message: 'contracts.errors.tooLong' }));
    case 'textarea':
      return present(base.max(10_000, { message: 'contracts.errors.tooLong' }));
    case 'number':
      return present(base).refine((v) => v === '' || /^\d{1,9}$/.test(v), { message: 'contracts.errors.number' });
    case 'money':
      return present(base).refine((v) => v === '' || money.test(v), { message: 'contracts.errors.money' });
    case 'date':
      return present(base).refine((v) => v === '' || z.iso.date().safeParse(v).success, { message: 'contracts.errors.date' });
  }
}

/** A zod schema for the whole set of terms (every value a string, as posted). */
export function termsSchema(fields: TermField[]) {
  return z
    .object(Object.fromEntries(fields.map((f) => [f.id, fieldSchema(f)])) as Record<string, z.ZodType<string>>)
    .superRefine((v, ctx) => {
      const start = v.startDate as string | undefined;
      const end = v.endDate as string | undefined;
      if (start && end && end < start) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'contracts.errors.endBeforeStart' });
      if (v.value !== undefined && money.test(v.value as string) && Number(v.value) <= 0) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'contracts.errors.valuePositive' });
      }
    });
}

export interface VersionTerms {
  value: string;
  startDate: string;
  endDate: string;
  terms: Record<string, unknown>;
}

/** Every term of a version as the strings the form shows. */
export function flattenTerms(version: VersionTerms): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(version.terms)) if (v !== null && v !== undefined) out[k] = String(v);
  out.value = normaliseMoney(version.value);
  out.startDate = version.startDate;
  out.endDate = version.endDate;
  return out;
}

/** "25000.00" and "25000" are the same value: compare and show money without trailing zero pennies. */
export function normaliseMoney(value: string): string {
  return value.replace(/\.00$/, '');
}

export function splitTerms(values: Record<string, string>): VersionTerms {
  const terms: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!(COLUMN_TERMS as readonly string[]).includes(k) && v !== '') terms[k] = v;
  return { value: values.value!, startDate: values.startDate!, endDate: values.endDate!, terms };
}

export interface TermChange {
  id: string;
  before: string;
  after: string;
}

/** What changed between two versions, field by field, in the order of the form. */
export function diffTerms(fields: TermField[], before: VersionTerms, after: VersionTerms): TermChange[] {
  const a = flattenTerms(before);
  const b = flattenTerms(after);
  const ids = [...fields.map((f) => f.id), ...Object.keys({ ...a, ...b }).filter((k) => !fields.some((f) => f.id === k))];
  const changes: TermChange[] = [];
  for (const id of ids) {
    const x = (a[id] ?? '').trim();
    const y = (b[id] ?? '').trim();
    if (x !== y) changes.push({ id, before: x, after: y });
  }
  return changes;
}
