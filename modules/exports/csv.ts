import { stringify } from 'csv-stringify/sync';
import { cellText } from '@/modules/direct-award/shortlist';

/** Formula-looking cells are prefixed so a spreadsheet shows them as text (CSV injection). */
export function safeCell(value: unknown): string {
  const text = cellText(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A CSV download: UTF-8 with a BOM (spreadsheets then read accents right), every cell injection-safe. */
export function csvResponse(filename: string, header: string[], rows: unknown[][]): Response {
  return new Response(`\uFEFF${stringify([header.map(safeCell), ...rows.map((row) => row.map(safeCell))])}`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}
