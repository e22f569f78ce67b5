/*
 * Form posts (Server Actions) are checked once, in the proxy, for input no field may hold: NUL (PostgreSQL text cannot store it, so it
 * surfaced as a 500), bytes that are not UTF-8, and the bidirectional override characters used to disguise
 * text ("invoice‮fdp.exe"). A JavaScript client's action call encodes strings as JSON, so the escaped forms
 * count too. Everything else is for each action's own validation.
 */

const OVERRIDES = /[\u202D\u202E]/;
const ESCAPED = /\\u(0000|202[de])/i;

export type BodyProblem = 'nul' | 'encoding' | 'override' | 'tooLarge';

/** Text fields of a multipart form together: files may be larger (see csrf.ts), answers may not. */
export const MAX_MULTIPART_TEXT_BYTES = 1024 * 1024;

export function checkFormBody(bytes: Uint8Array, contentType: string): BodyProblem | null {
  // Multipart: only the text fields are checked; uploaded files (a logo, an OCDS package) are binary by nature
  // and are checked by content in the action that takes them.
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary) {
    let textBytes = 0;
    for (const part of multipartTextFields(bytes, boundary)) {
      textBytes += part.length;
      if (textBytes > MAX_MULTIPART_TEXT_BYTES) return 'tooLarge';
      const problem = checkFormBody(part, 'application/octet-stream');
      if (problem) return problem;
    }
    return null;
  }
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

/** The bodies of the parts that are not files (no filename in their Content-Disposition). */
function multipartTextFields(bytes: Uint8Array, boundary: string): Uint8Array[] {
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const starts: number[] = [];
  for (let i = indexOf(bytes, delimiter, 0); i !== -1; i = indexOf(bytes, delimiter, i + delimiter.length)) starts.push(i);
  const fields: Uint8Array[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    const part = bytes.subarray(starts[k]! + delimiter.length, starts[k + 1]!);
    const split = indexOf(part, new Uint8Array([13, 10, 13, 10]), 0);
    if (split === -1) continue;
    const headers = new TextDecoder('latin1').decode(part.subarray(0, split));
    if (/filename\*?=/i.test(headers)) continue;
    // The body ends with the CRLF before the next delimiter.
    fields.push(part.subarray(split + 4, Math.max(split + 4, part.length - 2)));
  }
  return fields;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
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
