'use client';

import { useActionState, useEffect, useRef } from 'react';
import { textDirection } from '@/modules/i18n/locales';
import { ErrorSummary } from './error-summary';

/*
 * A server-action form described as data: accessible fields, inline errors and an error summary that takes
 * focus. Works without JavaScript (the action's state is rendered by the server on the next page).
 */

export interface FormFieldSpec {
  name: string;
  label: string;
  hint?: string;
  type: 'text' | 'date' | 'time' | 'textarea' | 'select' | 'radios' | 'hidden';
  options?: { value: string; label: string }[];
  defaultValue?: string;
  rows?: number;
  /** Grouped fields share a fieldset with this legend. */
  group?: string;
  autoComplete?: string;
  spellCheck?: boolean;
  /** Content in a language other than the page's (e.g. English text edited in the Arabic admin): its lang and direction. */
  lang?: string;
}

export interface ActionFormState {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** A message for the whole form, e.g. "Saved". */
  notice?: string;
}

export function ActionForm(props: {
  action: (state: ActionFormState, form: FormData) => Promise<ActionFormState>;
  fields: FormFieldSpec[];
  submitLabel: string;
  errorSummaryTitle: string;
  id?: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, {} as ActionFormState);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.errors && Object.keys(state.errors).length) summary.current?.querySelector<HTMLElement>('[data-error-summary]')?.focus();
  }, [state]);
  const errors = state.errors ?? {};
  const fieldIdOf = (name: string) => `${props.id ?? 'f'}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const groups: { legend?: string; fields: FormFieldSpec[] }[] = [];
  for (const field of props.fields) {
    const last = groups[groups.length - 1];
    if (last && field.group && last.legend === field.group) last.fields.push(field);
    else groups.push({ legend: field.group, fields: [field] });
  }
  return (
    <form action={formAction} noValidate className="max-w-2xl" id={props.id}>
      <div ref={summary}>
        <ErrorSummary
          title={props.errorSummaryTitle}
          errors={Object.entries(errors).map(([name, message]) => ({ fieldId: fieldIdOf(name), message }))}
        />
      </div>
      {state.notice ? (
        <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
          {state.notice}
        </p>
      ) : null}
      {/* Remount the fields with each new state: a form reset restores defaults, and <select> only reads its default once. */}
      <div key={JSON.stringify(state.values ?? {})}>
      {groups.map((group, g) => {
        const inner = group.fields.map((field) => (
          <Field key={field.name} field={field} id={fieldIdOf(field.name)} error={errors[field.name]} value={state.values?.[field.name] ?? field.defaultValue} />
        ));
        return group.legend ? (
          <fieldset key={g} className="mb-6">
            <legend className="mb-2 text-xl font-bold">{group.legend}</legend>
            {inner}
          </fieldset>
        ) : (
          <div key={g}>{inner}</div>
        );
      })}
      </div>
      <button type="submit" disabled={pending} className="cursor-pointer bg-brand px-5 py-2 text-lg font-bold text-brand-text disabled:opacity-70">
        {props.submitLabel}
      </button>
    </form>
  );
}

function Field({ field, id, error, value }: { field: FormFieldSpec; id: string; error?: string; value?: string }) {
  if (field.type === 'hidden') return <input type="hidden" name={field.name} value={value ?? ''} />;
  const describedBy = [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const control = 'border-2 p-2 ' + (error ? 'border-error' : 'border-ink');
  const hint = field.hint ? <p id={`${id}-hint`} className="mb-2 text-muted">{field.hint}</p> : null;
  const err = error ? <p id={`${id}-error`} className="mb-2 font-bold text-error">{error}</p> : null;
  const wrap = `mb-6 ${error ? 'border-s-4 border-error ps-4' : ''}`;
  if (field.type === 'radios') {
    return (
      <div className={wrap}>
        <fieldset id={id} aria-describedby={describedBy}>
          <legend className="mb-1 text-lg font-bold">{field.label}</legend>
          {hint}
          {err}
          {(field.options ?? []).map((o, i) => (
            <div key={o.value} className="mb-1 flex items-center gap-2">
              <input type="radio" id={`${id}-${i}`} name={field.name} value={o.value} defaultChecked={value === o.value} className="h-5 w-5" />
              <label htmlFor={`${id}-${i}`}>{o.label}</label>
            </div>
          ))}
        </fieldset>
      </div>
    );
  }
  const common = {
    id,
    name: field.name,
    defaultValue: value ?? '',
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    autoComplete: field.autoComplete,
    spellCheck: field.spellCheck,
    lang: field.lang,
    dir: field.lang ? textDirection(field.lang) : undefined,
  };
  return (
    <div className={wrap}>
      <label htmlFor={id} className="mb-1 block text-lg font-bold">
        {field.label}
      </label>
      {hint}
      {err}
      {field.type === 'textarea' ? (
        <textarea {...common} rows={field.rows ?? 5} className={`${control} w-full font-mono text-sm`} />
      ) : field.type === 'select' ? (
        <select {...common} className={control}>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={field.type} className={`${control} ${field.type === 'text' ? 'w-full' : ''}`} />
      )}
    </div>
  );
}
