'use client';

import { useActionState, useEffect, useRef } from 'react';
import type { ImportFormState } from './actions';

/**
 * Upload of an OCDS package. Problems are listed by kind with the exact JSON path of each (the messages
 * themselves come from the schema validator). Works without JavaScript: the server renders the state.
 */
export function OcdsImportForm(props: {
  action: (state: ImportFormState, form: FormData) => Promise<ImportFormState>;
  labels: { file: string; hint: string; submit: string; summaryTitle: string; importedTitle: string; path: string };
}) {
  const [state, formAction, pending] = useActionState(props.action, {} as ImportFormState);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.error) summary.current?.focus();
  }, [state]);
  const { labels } = props;
  return (
    <form action={formAction} className="max-w-3xl" noValidate>
      {state.error ? (
        <div ref={summary} className="mb-6 border-4 border-error p-4" role="alert" tabIndex={-1} aria-labelledby="ocds-import-errors" data-testid="ocds-import-errors">
          <h3 id="ocds-import-errors" className="mb-2 text-xl font-bold">
            {labels.summaryTitle}
          </h3>
          <p className="mb-2">
            <a href="#ocds-file" className="font-bold text-error">
              {state.error}
            </a>
          </p>
          {(state.groups ?? []).map((group) => (
            <details key={group.title} className="mb-2" open>
              <summary className="font-bold">{group.title}</summary>
              <ul className="list-disc ps-6">
                {group.samples.map((s, i) => (
                  <li key={`${s.path}-${i}`}>
                    <span className="sr-only">{labels.path} </span>
                    <code dir="ltr" className="font-mono text-sm">
                      {s.path}
                    </code>{' '}
                    <span dir="ltr">{s.message}</span>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      ) : null}
      {state.imported && state.imported.length > 0 ? (
        <div className="mb-6 border-s-4 border-brand p-4" role="status" data-testid="ocds-imported">
          <h3 className="mb-2 text-xl font-bold">{labels.importedTitle}</h3>
          <ul className="list-disc ps-6">
            {state.imported.map((f) => (
              <li key={f.slug}>
                <a href={f.href}>{f.slug}</a> (<code dir="ltr">{f.ocid}</code>): {f.summary}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className={`mb-6 ${state.error ? 'border-s-4 border-error ps-4' : ''}`}>
        <label htmlFor="ocds-file" className="mb-1 block font-bold">
          {labels.file}
        </label>
        <p id="ocds-file-hint" className="mb-2 text-muted">
          {labels.hint}
        </p>
        {state.error ? (
          <p id="ocds-file-error" className="mb-2 font-bold text-error">
            {state.error}
          </p>
        ) : null}
        <input
          id="ocds-file"
          name="file"
          type="file"
          accept=".json,application/json"
          aria-describedby={state.error ? 'ocds-file-hint ocds-file-error' : 'ocds-file-hint'}
          className="block"
        />
      </div>
      <button type="submit" disabled={pending} className="cursor-pointer bg-brand px-5 py-2 text-lg font-bold text-brand-text">
        {labels.submit}
      </button>
    </form>
  );
}
