import { fileTypeFromBuffer } from 'file-type';
import type { UPLOAD_TYPES } from '@/modules/frameworks/definition-schema';

export type UploadType = (typeof UPLOAD_TYPES)[number];

const MEDIA_TYPES: Record<UploadType, string> = {
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  csv: 'text/csv; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
};

export function mediaTypeOf(type: UploadType): string {
  return MEDIA_TYPES[type];
}

/**
 * What the bytes are, read from their signatures (file-type), never from the name or the browser's claim.
 * CSV has no signature: it is accepted as CSV only when the file is text (valid UTF-8, no NUL) and nothing else
 * recognised it. Anything else is null and refused.
 */
export async function detectUploadType(bytes: Uint8Array): Promise<UploadType | null> {
  if (bytes.length === 0) return null;
  const found = await fileTypeFromBuffer(bytes);
  if (found) return (found.ext in MEDIA_TYPES ? found.ext : null) as UploadType | null;
  if (bytes.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024));
  } catch {
    return null;
  }
  // Markup is not CSV: a page renamed .csv would otherwise pass as text.
  return /<\s*(html|script|svg|body|iframe|!doctype)/i.test(text) ? null : 'csv';
}

/**
 * A name safe to store, show and send back in Content-Disposition: the last path segment only (no traversal),
 * NFC, without control, bidirectional-override or zero-width characters, at most 120 characters, and ending
 * in the extension the content really has.
 */
export function safeFileName(raw: string, type: UploadType): string {
  const lastSegment = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/["<>:*?|]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  const stem = cleaned.replace(/\.[^.]*$/, '').slice(0, 100).trim() || 'document';
  return `${stem}.${type}`;
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
