import { NextResponse } from 'next/server';
import { shortlistTable } from '@/modules/direct-award/shortlist';
import { csvResponse } from '@/modules/exports/csv';

export async function GET(_request: Request, { params }: RouteContext<'/api/projects/[project]/shortlist.csv'>): Promise<Response> {
  const { project } = await params;
  const table = await shortlistTable(project);
  if (!table) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  return csvResponse(`shortlist-${project}.csv`, table.header, table.rows);
}
