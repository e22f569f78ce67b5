'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { ErrorSummary } from '@/modules/ui/error-summary';
import type { FieldModel, FormText, SectionModel } from './field-models';

/*
 * The form a supplier (or buyer) fills in, generated from the framework definition. Follow-up questions are
 * revealed when their trigger is chosen (GOV.UK conditional reveal). Without JavaScript the server renders
 * the same form with the state of the last submission.
 */

export interface GeneratedFormState {
  errors?: Record<string, string>;
  answers?: Record<string, unknown>;
  notice?: string;
}

type Answers = Record<string, unknown>;

export function GeneratedForm(props: {
  sections: SectionModel[];
  text: FormText;
  initialAnswers: Answers;
  action?: (state: GeneratedFormState, form: FormData) => Promise<GeneratedFormState>;
  hidden?: Record<string, string>;
  submitLabel?: string;
  /** A second submit button, e.g. "Mark as complete", sent as name=value. */
  extraSubmit?: { name: string; value: string; label: string };
  disabled?: boolean;
  headingLevel?: 2 | 3;
}) {
  const noop = async (s: GeneratedFormState) => s;
  const [state, formAction, pending] = useActionState(props.action ?? noop, { answers: props.initialAnswers } as GeneratedFormState);
  const answers = state.answers ?? props.initialAnswers;
  const [live, setLive] = useState<Answers>(answers);
  useEffect(() => setLive(state.answers ?? props.initialAnswers), [state, props.initialAnswers]);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.errors && Object.keys(state.errors).length) summary.current?.querySelector<HTMLElement>('[data-error-summary]')?.focus();
  }, [state]);
  const errors = state.errors ?? {};

  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.type !== 'radio' && target.type !== 'checkbox') return;
    const form = event.currentTarget;
    const name = target.name;
    const values = [...form.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(name)}"]:checked`)].map((i) => i.value);
    setLive((prev) => ({ ...prev, [name]: target.type === 'checkbox' ? values : values[0] }));
  };

  const shown = (field: FieldModel) =>
    !field.revealedBy ||
    field.revealedBy.some(({ parent, values }) => {
      const v = live[parent];
      const list = Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
      return list.some((x) => values.includes(x));
    });

  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <form action={formAction} onChange={onChange} noValidate>
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div ref={summary}>
        <ErrorSummary title={props.text.summaryTitle} errors={Object.entries(errors).map(([id, message]) => ({ fieldId: `q-${id}`, message }))} />
      </div>
      {state.notice ? (
        <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
          {state.notice}
        </p>
      ) : null}
      {props.sections.map((section) => (
        // Keyed by the answers so a reset after submission shows what was sent (selects read defaults once).
        <section key={`${section.slug}:${JSON.stringify(answers)}`} aria-labelledby={`section-${section.slug}`} className="mb-10">
          {props.sections.length > 1 ? (
            <Heading id={`section-${section.slug}`} className="mb-2 text-2xl font-bold">
              {section.name}
            </Heading>
          ) : (
            <span id={`section-${section.slug}`} hidden>
              {section.name}
            </span>
          )}
          {section.description ? <p className="mb-4 text-muted">{section.description}</p> : null}
          {section.fields.map((field, i) => {
            const groupStart = field.group && section.fields[i - 1]?.group?.id !== field.group.id;
            return (
              <div key={field.id} hidden={!shown(field)} className={field.group ? 'border-s-4 border-rule ps-4' : undefined}>
                {groupStart ? (
                  <p className="mb-2 text-xl font-bold" id={`group-${field.group!.id}`}>
                    {field.group!.label}
                  </p>
                ) : null}
                {shown(field) ? <Field field={field} value={answers[field.id]} error={errors[field.id]} text={props.text} disabled={props.disabled} /> : null}
              </div>
            );
          })}
        </section>
      ))}
      {props.action && !props.disabled ? (
        <div className="flex flex-wrap gap-4">
          <button type="submit" disabled={pending} className="cursor-pointer bg-brand px-5 py-2 text-lg font-bold text-brand-text disabled:opacity-70">
            {props.submitLabel}
          </button>
          {props.extraSubmit ? (
            <button
              type="submit"
              name={props.extraSubmit.name}
              value={props.extraSubmit.value}
              disabled={pending}
              className="cursor-pointer border-2 border-brand px-5 py-2 text-lg font-bold text-ink disabled:opacity-70"
            >
              {props.extraSubmit.label}
            </button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

const control = 'border-2 border-ink p-2 disabled:bg-gray-100';

function Field({ field: f, value, error, text, disabled }: { field: FieldModel; value: unknown; error?: string; text: FormText; disabled?: boolean }) {
  const id = `q-${f.id}`;
  const label = f.optional ? `${f.label} (${text.optional})` : f.label;
  const describedBy = [f.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const wrap = `mb-6 ${error ? 'border-s-4 border-error ps-4' : ''}`;
  const hint = f.hint ? <p id={`${id}-hint`} className="mb-2 text-muted">{f.hint}</p> : null;
  const err = error ? <p id={`${id}-error`} className="mb-2 font-bold text-error">{error}</p> : null;
  const aria = { 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, disabled };

  if (f.type === 'radios' || f.type === 'checkboxes' || f.type === 'boolean') {
    const options = f.type === 'boolean' ? [{ value: 'true', label: text.yes }, { value: 'false', label: text.no }] : f.options ?? [];
    const selected = new Set((Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(String));
    return (
      <div className={wrap} data-question={f.id}>
        <fieldset id={id} aria-describedby={describedBy}>
          <legend className="mb-1 text-lg font-bold">{label}</legend>
          {hint}
          {err}
          {options.map((o, i) => (
            <div key={o.value} className="mb-1 flex items-center gap-2">
              <input
                type={f.type === 'checkboxes' ? 'checkbox' : 'radio'}
                id={`${id}-${i}`}
                name={f.id}
                value={o.value}
                defaultChecked={selected.has(o.value)}
                disabled={disabled}
                className="h-5 w-5"
              />
              <label htmlFor={`${id}-${i}`}>{o.label}</label>
            </div>
          ))}
        </fieldset>
      </div>
    );
  }
  if (f.type === 'pricing') {
    const price = (value ?? {}) as Record<string, string | undefined>;
    return (
      <div className={wrap} data-question={f.id}>
        <fieldset id={id} aria-describedby={describedBy}>
          <legend className="mb-1 text-lg font-bold">{label}</legend>
          {hint}
          {err}
          <div className="flex flex-wrap items-end gap-4">
            <div>
              <label htmlFor={`${id}-min`} className="block">{f.maxPrice === 'none' ? text.price : text.minPrice}</label>
              <input id={`${id}-min`} name={`${f.id}.min`} inputMode="decimal" defaultValue={price.min ?? ''} className={`${control} w-32`} {...aria} />
            </div>
            {f.maxPrice !== 'none' ? (
              <div>
                <label htmlFor={`${id}-max`} className="block">{text.maxPrice}</label>
                <input id={`${id}-max`} name={`${f.id}.max`} inputMode="decimal" defaultValue={price.max ?? ''} className={`${control} w-32`} {...aria} />
              </div>
            ) : null}
            <div>
              <label htmlFor={`${id}-unit`} className="block">{text.unit}</label>
              <select id={`${id}-unit`} name={`${f.id}.unit`} defaultValue={price.unit} className={control} {...aria}>
                {(f.units ?? []).map((u) => (
                  <option key={u.value} value={u.value}>{u.label}</option>
                ))}
              </select>
            </div>
            {f.intervals && f.intervals.length > 0 ? (
              <div>
                <label htmlFor={`${id}-interval`} className="block">{text.interval}</label>
                <select id={`${id}-interval`} name={`${f.id}.interval`} defaultValue={price.interval} className={control} {...aria}>
                  {f.intervals.map((i) => (
                    <option key={i.value} value={i.value}>{i.label}</option>
                  ))}
                </select>
              </div>
            ) : null}
          </div>
        </fieldset>
      </div>
    );
  }
  if (f.type === 'list') {
    const items = Array.isArray(value) ? (value as string[]) : [];
    // A paired list (evidence per requirement) has one labelled box per requirement; a plain one, up to maxItems lines.
    const rows = f.pairedItems
      ? f.pairedItems.map((requirement, i) => (
          <li key={i} data-requirement={i + 1}>
            <label htmlFor={`${id}-${i}`} className="mb-1 block">
              <span className="font-bold">{text.requirement.replace('{{number}}', String(i + 1))}</span> {requirement}
            </label>
            <textarea id={`${id}-${i}`} name={`${f.id}[]`} rows={3} defaultValue={items[i] ?? ''} className={`${control} w-full`} {...aria} />
          </li>
        ))
      : Array.from({ length: f.maxItems ?? 10 }, (_, i) => (
          <li key={i}>
            <label htmlFor={`${id}-${i}`} className="sr-only">{text.item.replace('{{number}}', String(i + 1))}</label>
            <input id={`${id}-${i}`} name={`${f.id}[]`} defaultValue={items[i] ?? ''} className={`${control} w-full max-w-xl`} {...aria} />
          </li>
        ));
    return (
      <div className={wrap} data-question={f.id}>
        <fieldset id={id} aria-describedby={describedBy}>
          <legend className="mb-1 text-lg font-bold">{label}</legend>
          {hint}
          {err}
          <ol className={f.pairedItems ? 'space-y-4' : 'space-y-2'}>{rows}</ol>
        </fieldset>
      </div>
    );
  }
  const labelEl = <label htmlFor={id} className="mb-1 block text-lg font-bold">{label}</label>;
  if (f.type === 'textarea') {
    return (
      <div className={wrap} data-question={f.id}>
        {labelEl}
        {hint}
        <p className="mb-2 text-sm text-muted">{text.wordLimit[f.maxWords ?? 0]}</p>
        {err}
        <textarea id={id} name={f.id} rows={5} defaultValue={typeof value === 'string' ? value : ''} className={`${control} w-full`} {...aria} />
      </div>
    );
  }
  if (f.type === 'upload') {
    return (
      <div className={wrap} data-question={f.id}>
        {labelEl}
        {hint}
        <p className="mb-2 text-sm text-muted">
          {text.uploadTypes.replace('{{types}}', (f.accept ?? []).join(', ').toUpperCase())}{' '}
          {f.maxBytes ? text.uploadLimit.replace('{{max}}', `${Math.round((f.maxBytes / (1024 * 1024)) * 10) / 10} MB`) : null}
        </p>
        {isStoredUpload(value) ? <p className="mb-2" data-current-file>{text.uploadCurrent.replace('{{name}}', value.name)}</p> : null}
        {err}
        <input id={id} name={f.id} type="file" accept={(f.accept ?? []).map((a) => `.${a}`).join(',')} {...aria} />
      </div>
    );
  }
  return (
    <div className={wrap} data-question={f.id}>
      {labelEl}
      {hint}
      {err}
      <input
        id={id}
        name={f.id}
        type={f.type === 'date' ? 'date' : 'text'}
        min={f.type === 'date' && typeof f.min === 'string' ? f.min : undefined}
        max={f.type === 'date' && typeof f.max === 'string' ? f.max : undefined}
        data-min={f.type === 'number' ? f.min : undefined}
        data-max={f.type === 'number' ? f.max : undefined}
        inputMode={f.type === 'number' ? 'decimal' : undefined}
        defaultValue={value === undefined || value === null ? '' : String(value)}
        className={`${control} ${f.type === 'number' ? 'w-32' : 'w-full max-w-xl'}`}
        {...aria}
      />
      {f.unitLabel ? <span className="ms-2">{f.unitLabel}</span> : null}
    </div>
  );
}

function isStoredUpload(value: unknown): value is { name: string } {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}
