'use client';

import { useActionState, useEffect, useRef } from 'react';
import { requestSignInLink, type SignInFormState } from '@/modules/auth/actions';
import { ErrorSummary } from './error-summary';

export interface SignInFormText {
  summaryTitle: string;
  emailLabel: string;
  emailHint: string;
  submit: string;
  errors: Record<Exclude<NonNullable<SignInFormState['error']>, 'rateLimited'>, string>;
}

/** Works without JavaScript (server action form); with it, errors render in place and the summary takes focus. */
export function SignInForm(props: { text: SignInFormText; locale: string; next?: string }) {
  const [state, formAction, pending] = useActionState(requestSignInLink, {} as SignInFormState);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.error) summary.current?.querySelector<HTMLElement>('[data-error-summary]')?.focus();
  }, [state]);
  const message = state.error === 'rateLimited' ? (state.rateLimitedMessage ?? null) : state.error ? props.text.errors[state.error] : null;
  return (
    <form action={formAction} noValidate className="max-w-xl">
      <div ref={summary}>
        <ErrorSummary
          title={props.text.summaryTitle}
          errors={message ? [{ fieldId: 'email', message }] : []}
        />
      </div>
      <input type="hidden" name="locale" value={props.locale} />
      {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
      <div className={`mb-6 ${message ? 'border-s-4 border-error ps-4' : ''}`}>
        <label htmlFor="email" className="mb-1 block text-lg font-bold">
          {props.text.emailLabel}
        </label>
        <p id="email-hint" className="mb-2 text-muted">
          {props.text.emailHint}
        </p>
        {message ? (
          <p id="email-error" className="mb-2 font-bold text-error">
            {message}
          </p>
        ) : null}
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={state.email ?? ''}
          aria-describedby={message ? 'email-hint email-error' : 'email-hint'}
          aria-invalid={message ? true : undefined}
          className={`w-full border-2 p-2 ${message ? 'border-error' : 'border-ink'}`}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="cursor-pointer bg-brand px-5 py-2 text-lg font-bold text-brand-text shadow-[0_2px_0_#002d18] disabled:opacity-70"
      >
        {props.text.submit}
      </button>
    </form>
  );
}
