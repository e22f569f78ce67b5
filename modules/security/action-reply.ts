/*
 * A Server Action called by a script (header `Next-Action`) carries its arguments in React's reply format: a JSON
 * array (text body), or a multipart body whose field "0" is that array and whose other numbered fields hold the
 * values it points to ("$@1", "$Q2", …). Next decodes it before any of our code runs, and a body that is not
 * such a thing — broken JSON, a root that is not an array, a pointer to a field that is not there — surfaced as
 * a 500 ("SyntaxError", "Connection closed", found by tests/e2e/bad-input.spec.ts). The proxy refuses those with
 * 400 instead; a well-formed reply is left whole for Next and each action's own validation.
 */

type Field = { name: string; text: string | null };

/** Pointer kinds that name another field: hex id after the letter (React's parseModelString). */
const OUTLINED = new Set(['@', 'h', 'Q', 'W', 'i', 'A', 'O', 'o', 'U', 'S', 's', 'L', 'l', 'G', 'g', 'M', 'm', 'V', 'B']);
/** Values written inline, no other field needed. */
const INLINE = /^\$(\$|H$|I(nfinity)?$|-0$|-Infinity$|N(aN)?$|u(ndefined)?$|D|T|n-?\d{1,300}$|K[0-9a-f]+$)/;

export function actionReplyValid(bytes: Uint8Array, contentType: string): boolean {
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return modelValid(decode(bytes), true, () => false);
  const fields = multipartFields(bytes, boundary);
  if (!fields) return false;
  const byName = new Map(fields.map((f) => [f.name, f]));
  const root = byName.get('0');
  if (!root || root.text === null) return false;
  const has = (id: number) => byName.has(String(id));
  // Numbered text fields are JSON models too; each must parse and point only at fields that exist.
  for (const field of fields) {
    if (!/^\d+$/.test(field.name) || field.text === null) continue;
    if (!modelValid(field.text, field.name === '0', has)) return false;
  }
  return true;
}

function modelValid(text: string | null, root: boolean, has: (id: number) => boolean): boolean {
  if (text === null) return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (root && !Array.isArray(value)) return false;
  const stack: unknown[] = [value];
  while (stack.length) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (item[0] !== '$' || INLINE.test(item)) continue;
      const kind = item[1] ?? '';
      const hex = OUTLINED.has(kind) ? item.slice(2) : item.slice(1);
      if (!/^[0-9a-f]{1,8}$/.test(hex) || !has(parseInt(hex, 16))) return false;
    } else if (item && typeof item === 'object') {
      stack.push(...Object.values(item));
    }
  }
  return true;
}

function decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Field names and (for non-file parts) text; null when the body is not multipart at all. */
function multipartFields(bytes: Uint8Array, boundary: string): Field[] | null {
  const text = new TextDecoder('latin1').decode(bytes);
  const parts = text.split(`--${boundary}`);
  if (parts.length < 3) return null;
  const fields: Field[] = [];
  for (const part of parts.slice(1, -1)) {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) return null;
    const headers = part.slice(0, split);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) return null;
    const isFile = /filename\*?=/i.test(headers);
    const body = part.slice(split + 4, part.length - 2);
    fields.push({ name, text: isFile ? null : decode(Uint8Array.from(body, (c) => c.charCodeAt(0))) });
  }
  return fields;
}
