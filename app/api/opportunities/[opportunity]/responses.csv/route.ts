import { NextResponse } from 'next/server';
import { csvResponse } from '@/modules/exports/csv';
import { responsesTable } from '@/modules/opportunities/responses-export';

export async function GET(_request: Request, { params }: RouteContext<'/api/opportunities/[opportunity]/responses.csv'>): Promise<Response> {
  const { opportunity } = await params;
  const table = await responsesTable(opportunity);
  if (!table) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  return csvResponse(`responses-${opportunity}.csv`, table.header, table.rows);
}
