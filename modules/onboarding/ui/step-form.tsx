'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { ErrorSummary } from '@/modules/ui/error-summary';
import { contrastRatio, formatRatio, WCAG_AA_TEXT } from '@/tenants/contrast';

/*
 * Forms of the onboarding wizard and the settings pages: fields described as data, inline errors and an error
 * summary that takes focus (GOV.UK pattern). Server-action forms: they work without JavaScript; with it, the
 * brand colours preview live with their contrast ratio.
 */

export interface StepField {
  name: string;
  label: string;
  hint?: string;
  type: 'text' | 'email' | 'textarea' | 'select' | 'radios' | 'checkboxes' | 'colour' | 'file' | 'hidden' | 'number';
  options?: { value: string; label: string; hint?: string }[];
  /** For checkboxes: comma-separated selected values. */
  defaultValue?: string;
  rows?: number;
  autoComplete?: string;
  spellCheck?: boolean;
  accept?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
}

export interface StepFormState {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  notice?: string;
}

export interface BrandPreviewText {
  heading: string;
  sample: string;
  link: string;
  button: string;
  ratio: string;
  passes: string;
  fails: string;
}

export function StepForm(props: {
  action: (state: StepFormState, form: FormData) => Promise<StepFormState>;
  fields: StepField[];
  submitLabel: string;
  errorSummaryTitle: string;
  id: string;
  multipart?: boolean;
  preview?: BrandPreviewText;
  secondary?: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(props.action, {} as StepFormState);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.errors && Object.keys(state.errors).length) summary.current?.querySelector<HTMLElement>('[data-error-summary]')?.focus();
  }, [state]);
  const errors = state.errors ?? {};
  const fieldId = (name: string) => `${props.id}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const valueOf = (f: StepField) => state.values?.[f.name] ?? f.defaultValue ?? '';
  const [colours, setColours] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.fields.filter((f) => f.type === 'colour').map((f) => [f.name, valueOf(f)])),
  );
  return (
    <form action={formAction} noValidate className="max-w-2xl" id={props.id} encType={props.multipart ? 'multipart/form-data' : undefined}>
      <div ref={summary}>
        <ErrorSummary title={props.errorSummaryTitle} errors={Object.entries(errors).map(([name, message]) => ({ fieldId: fieldId(name), message }))} />
      </div>
      {state.notice ? (
        <p role="status" className="mb-6 border-s-4 border-ink bg-gray-100 p-4">
          {state.notice}
        </p>
      ) : null}
      <div key={JSON.stringify(state.values ?? {})}>
        {props.fields.map((field) => (
          <Field
            key={field.name}
            field={field}
            id={fieldId(field.name)}
            error={errors[field.name]}
            value={valueOf(field)}
            onColour={(v) => setColours((c) => ({ ...c, [field.name]: v }))}
          />
        ))}
      </div>
      {props.preview ? <BrandPreview text={props.preview} colours={colours} /> : null}
      <div className="flex flex-wrap items-center gap-6">
        <button type="submit" disabled={pending} className="cursor-pointer bg-ink px-5 py-2 text-lg font-bold text-white disabled:opacity-70">
          {props.submitLabel}
        </button>
        {props.secondary}
      </div>
    </form>
  );
}

function BrandPreview({ text, colours }: { text: BrandPreviewText; colours: Record<string, string> }) {
  const valid = (c: string | undefined) => (c && /^#[0-9a-f]{6}$/i.test(c) ? c : null);
  const primary = valid(colours.primary) ?? '#1d4f91';
  const primaryText = valid(colours.primaryText) ?? '#ffffff';
  const secondary = valid(colours.secondary) ?? '#1d4f91';
  const checks = [
    { label: text.button, ratio: contrastRatio(primaryText, primary) },
    { label: text.link, ratio: contrastRatio(secondary, '#ffffff') },
  ];
  return (
    <section aria-labelledby="brand-preview-heading" className="mb-6 border border-rule p-4" data-testid="brand-preview">
      <h2 id="brand-preview-heading" className="mb-3 text-xl font-bold">
        {text.heading}
      </h2>
      <div className="mb-3 px-4 py-3 text-lg font-bold" style={{ background: primary, color: primaryText }}>
        {text.sample}
      </div>
      <p className="mb-3">
        <span style={{ color: secondary }} className="underline">
          {text.link}
        </span>
      </p>
      <ul aria-live="polite" className="list-none">
        {checks.map((c) => (
          <li key={c.label} className={c.ratio >= WCAG_AA_TEXT ? '' : 'font-bold text-error'}>
            {text.ratio.replace('{{item}}', c.label).replace('{{ratio}}', formatRatio(c.ratio))} — {c.ratio >= WCAG_AA_TEXT ? text.passes : text.fails}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Field({ field, id, error, value, onColour }: { field: StepField; id: string; error?: string; value: string; onColour: (v: string) => void }) {
  if (field.type === 'hidden') return <input type="hidden" name={field.name} value={value} />;
  const describedBy = [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const control = 'border-2 p-2 ' + (error ? 'border-error' : 'border-ink');
  const hint = field.hint ? (
    <p id={`${id}-hint`} className="mb-2 text-muted">
      {field.hint}
    </p>
  ) : null;
  const err = error ? (
    <p id={`${id}-error`} className="mb-2 font-bold text-error">
      {error}
    </p>
  ) : null;
  const wrap = `mb-6 ${error ? 'border-s-4 border-error ps-4' : ''}`;
  if (field.type === 'radios' || field.type === 'checkboxes') {
    const selected = field.type === 'checkboxes' ? value.split(',').filter(Boolean) : [value];
    return (
      <div className={wrap}>
        <fieldset id={id} aria-describedby={describedBy}>
          <legend className="mb-1 text-lg font-bold">{field.label}</legend>
          {hint}
          {err}
          {(field.options ?? []).map((o, i) => (
            <div key={o.value} className="mb-2 flex items-start gap-2">
              <input
                type={field.type === 'radios' ? 'radio' : 'checkbox'}
                id={`${id}-${i}`}
                name={field.name}
                value={o.value}
                defaultChecked={selected.includes(o.value)}
                aria-describedby={o.hint ? `${id}-${i}-hint` : undefined}
                className="mt-1 h-5 w-5"
              />
              <div>
                <label htmlFor={`${id}-${i}`}>{o.label}</label>
                {o.hint ? (
                  <p id={`${id}-${i}-hint`} className="text-sm text-muted">
                    {o.hint}
                  </p>
                ) : null}
              </div>
            </div>
          ))}
        </fieldset>
      </div>
    );
  }
  const common = {
    id,
    name: field.name,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    autoComplete: field.autoComplete,
    spellCheck: field.spellCheck,
    dir: field.dir,
  };
  return (
    <div className={wrap}>
      <label htmlFor={id} className="mb-1 block text-lg font-bold">
        {field.label}
      </label>
      {hint}
      {err}
      {field.type === 'textarea' ? (
        <textarea {...common} defaultValue={value} rows={field.rows ?? 4} className={`${control} w-full`} />
      ) : field.type === 'select' ? (
        <select {...common} defaultValue={value} className={control}>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : field.type === 'file' ? (
        <input {...common} type="file" accept={field.accept} className={control} />
      ) : field.type === 'colour' ? (
        <div className="flex items-center gap-3">
          <input
            {...common}
            type="text"
            defaultValue={value}
            onChange={(e) => onColour(e.target.value.trim())}
            className={`${control} w-40 font-mono`}
            dir="ltr"
          />
          <span aria-hidden="true" className="inline-block h-10 w-10 border border-ink" style={{ background: /^#[0-9a-f]{6}$/i.test(value) ? value : 'transparent' }} />
        </div>
      ) : (
        <input {...common} type={field.type} defaultValue={value} className={`${control} ${field.type === 'number' ? 'w-32' : 'w-full'}`} />
      )}
    </div>
  );
}
