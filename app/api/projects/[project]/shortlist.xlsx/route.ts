import { NextResponse } from 'next/server';
import writeXlsxFile from 'write-excel-file/node';
import { cellText, shortlistTable } from '@/modules/direct-award/shortlist';

/** The same shortlist as a spreadsheet; every cell is written as text, so nothing in it runs as a formula. */
export async function GET(_request: Request, { params }: RouteContext<'/api/projects/[project]/shortlist.xlsx'>): Promise<Response> {
  const { project } = await params;
  const table = await shortlistTable(project);
  if (!table) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const sheet = [table.header, ...table.rows].map((row) => row.map((value) => ({ type: String, value: cellText(value) })));
  const buffer = await writeXlsxFile(sheet).toBuffer();
  return new Response(new Uint8Array(buffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="shortlist-${project}.xlsx"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}
