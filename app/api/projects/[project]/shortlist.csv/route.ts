import { stringify } from 'csv-stringify/sync';
import { NextResponse } from 'next/server';
import { cellText, shortlistTable } from '@/modules/direct-award/shortlist';

/** Formula-looking cells are prefixed so a spreadsheet shows them as text (CSV injection). */
function safeCell(value: unknown): string {
  const text = cellText(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export async function GET(_request: Request, { params }: RouteContext<'/api/projects/[project]/shortlist.csv'>): Promise<Response> {
  const { project } = await params;
  const table = await shortlistTable(project);
  if (!table) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  return new Response(`\uFEFF${stringify([table.header.map(safeCell), ...table.rows.map((row) => row.map(safeCell))])}`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="shortlist-${project}.csv"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}
