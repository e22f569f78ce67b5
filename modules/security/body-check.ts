/*
 * Form posts (Server Actions, which never carry file uploads: those go to route handlers with their own limits)
 * are checked once, in the proxy, for input no field may hold: NUL (PostgreSQL text cannot store it, so it
 * surfaced as a 500), bytes that are not UTF-8, and the bidirectional override characters used to disguise
 * text ("invoice‮fdp.exe"). A JavaScript client's action call encodes strings as JSON, so the escaped forms
 * count too. Everything else is for each action's own validation.
 */

const OVERRIDES = /[\u202D\u202E]/;
const ESCAPED = /\\u(0000|202[de])/i;

export type BodyProblem = 'nul' | 'encoding' | 'override';

export function checkFormBody(bytes: Uint8Array, contentType: string): BodyProblem | null {
  if (bytes.includes(0)) return 'nul';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'encoding';
  }
  if (OVERRIDES.test(text)) return 'override';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of safeParams(text)) {
      if (key.includes('\u0000') || value.includes('\u0000')) return 'nul';
      if (value.includes('\uFFFD') && !text.includes('\uFFFD') && !/%EF%BF%BD/i.test(text)) return 'encoding';
      if (OVERRIDES.test(value)) return 'override';
    }
  }
  if (contentType.startsWith('text/plain') && ESCAPED.test(text)) {
    const match = ESCAPED.exec(text)![1]!.toLowerCase();
    return match === '0000' ? 'nul' : 'override';
  }
  return null;
}

function safeParams(text: string): [string, string][] {
  try {
    return [...new URLSearchParams(text)];
  } catch {
    return [];
  }
}

/** Only form-like bodies: route handlers (JSON APIs, webhooks, uploads) validate their own. */
export function isFormPost(pathname: string, contentType: string | null): boolean {
  if (/^\/(t\/[^/]+\/)?api(\/|$)/.test(pathname)) return false;
  const type = (contentType ?? '').toLowerCase();
  return type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded') || type.startsWith('text/plain');
}
