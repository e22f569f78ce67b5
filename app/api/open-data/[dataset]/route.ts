import { NextResponse } from 'next/server';
import { withTenant } from '@/db/with-tenant';
import { listFrameworks } from '@/modules/frameworks/queries';
import { contractsTable, figuresTable, isDatasetName, tableCsv } from '@/modules/opendata/datasets';
import { parseOpenDataFilters } from '@/modules/opendata/filters';
import { listPublicContracts } from '@/modules/opendata/public-records';
import { loadOpenData } from '@/modules/opendata/service';
import { tenantFromRequest } from '@/modules/tenancy/context';

/*
 * Stable, public dataset URLs: /api/open-data/<dataset>.csv with the dashboard's filters (from, to, framework,
 * period) and an optional locale for names. Built from the same figures the dashboard renders.
 */
export async function GET(request: Request, { params }: RouteContext<'/api/open-data/[dataset]'>): Promise<Response> {
  const resolved = await tenantFromRequest();
  const { dataset } = await params;
  const name = dataset.endsWith('.csv') ? dataset.slice(0, -4) : '';
  if (!resolved || !isDatasetName(name)) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const { tenant } = resolved;
  const search = new URL(request.url).searchParams;
  const filters = parseOpenDataFilters(search);
  const requested = search.get('locale') ?? '';
  const locale = tenant.config.locales.some((l) => l.code === requested) ? requested : tenant.config.defaultLocale;
  let body: string;
  if (name === 'contracts') {
    const { rows, frameworks } = await withTenant(tenant, async (tx) => ({
      rows: (await listPublicContracts(tx, filters, { limit: null, offset: 0 })).rows,
      frameworks: await listFrameworks(tx, tenant.config.timezone),
    }));
    body = tableCsv(contractsTable(rows, { frameworks, locale, fallback: tenant.config.defaultLocale }));
  } else {
    const { figures, frameworks } = await loadOpenData(tenant, filters);
    body = tableCsv(figuresTable(name, figures, { frameworks, locale, fallback: tenant.config.defaultLocale }, tenant.config.currency));
  }
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${tenant.slug}-${name}.csv"`,
      'x-content-type-options': 'nosniff',
      // Public data: shared caches may keep it briefly (the URL includes the tenant's host).
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
    },
  });
}
