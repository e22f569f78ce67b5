'use client';

import { useActionState, useMemo, useState } from 'react';
import { saveDefinitionAction, type DefinitionEditorState } from './actions';
import { ZFrameworkDefinition } from './definition-schema';

/*
 * JSON editor for everything the structured forms do not cover. The same meta-schema validates as you type
 * (in the browser) and again on save (on the server, which is the one that counts).
 */
export function DefinitionEditor(props: {
  framework: string;
  /** Definition version the page was rendered with (optimistic lock). */
  baseVersion: number;
  initial: string;
  messages: Record<string, string>;
  text: { label: string; hint: string; save: string; valid: string; issuesTitle: string; invalidJson: string };
}) {
  const [state, formAction, pending] = useActionState(saveDefinitionAction, {} as DefinitionEditorState);
  // After a post without JavaScript the page is rendered with the action's answer: keep the text that was sent, so
  // its notice or issues (a conflict with someone else's save) show, and the edit is not replaced by the stored one.
  const [draft, setDraft] = useState(state.text ?? props.initial);
  const live = useMemo(() => {
    let json: unknown;
    try {
      json = JSON.parse(draft);
    } catch (error) {
      return [{ path: '', message: `${props.text.invalidJson} ${(error as Error).message}` }];
    }
    const result = ZFrameworkDefinition.safeParse(json);
    if (result.success) return [];
    return result.error.issues.slice(0, 50).map((issue) => {
      const template = props.messages[issue.message] ?? issue.message;
      const params = ('params' in issue ? issue.params : {}) as Record<string, string>;
      return { path: issue.path.join('.'), message: template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => params[k] ?? '') };
    });
  }, [draft, props.messages, props.text.invalidJson]);
  const serverIssues = state.issues ?? [];
  const issues = serverIssues.length > 0 && state.text === draft ? serverIssues : live;
  return (
    <form action={formAction} className="max-w-4xl">
      <input type="hidden" name="framework" value={props.framework} />
      <input type="hidden" name="baseVersion" value={state.baseVersion ?? props.baseVersion} />
      {state.notice && state.text === draft ? (
        <p role="status" className="mb-4 border-s-4 border-brand bg-gray-100 p-4">
          {state.notice}
        </p>
      ) : null}
      <label htmlFor="definition-json" className="mb-1 block text-lg font-bold">
        {props.text.label}
      </label>
      <p id="definition-hint" className="mb-2 text-muted">
        {props.text.hint}
      </p>
      <div aria-live="polite" id="definition-issues" className="mb-2">
        {issues.length === 0 ? (
          <p className="font-bold text-green-800">{props.text.valid}</p>
        ) : (
          <div className="border-4 border-error p-3">
            <p className="font-bold">{props.text.issuesTitle}</p>
            <ul className="list-disc ps-6 text-sm">
              {issues.map((i, n) => (
                <li key={n}>
                  {i.path ? <code className="me-2">{i.path}</code> : null}
                  {i.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <textarea
        id="definition-json"
        name="definition"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        rows={24}
        spellCheck={false}
        aria-describedby="definition-hint definition-issues"
        aria-invalid={issues.length > 0 ? true : undefined}
        className="mb-4 w-full border-2 border-ink p-2 font-mono text-sm"
      />
      <button type="submit" disabled={pending} className="cursor-pointer bg-brand px-5 py-2 text-lg font-bold text-brand-text disabled:opacity-70">
        {props.text.save}
      </button>
    </form>
  );
}
