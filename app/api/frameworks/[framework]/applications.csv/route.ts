import { stringify } from 'csv-stringify/sync';
import { NextResponse } from 'next/server';
import { withTenant } from '@/db/with-tenant';
import { listApplications } from '@/modules/applications/assessment';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { routeTenantWithRole } from '@/modules/tenancy/route-context';

/** A cell a spreadsheet would run as a formula is prefixed with a quote (CSV injection). */
function safeCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Applicants, results and agreements of one framework, for administrators. */
export async function GET(_request: Request, { params }: RouteContext<'/api/frameworks/[framework]/applications.csv'>): Promise<Response> {
  const ctx = await routeTenantWithRole(['tenant_admin', 'framework_manager', 'evaluator', 'platform_admin']);
  const { framework: slug } = await params;
  if (!ctx || !/^[a-z][a-z0-9-]{2,62}$/.test(slug)) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const rows = await withTenant(ctx.tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, slug, ctx.tenant.config.timezone);
    return framework ? listApplications(tx, framework) : null;
  });
  if (!rows) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const header = ['supplier', 'organisation_size', 'submitted', 'automatic_result', 'result', 'result_reason', 'complete_services', 'agreement_signed_at', 'signer_name', 'signer_role', 'countersigned_at'];
  const body = stringify([
    header,
    ...rows.map((r) =>
      [r.legalName, r.organisationSize, r.submitted, r.automatic.result, r.result, r.resultReason, r.completeServices, r.agreementSignedAt, r.agreementSignerName, r.agreementSignerRole, r.agreementCountersignedAt].map(safeCell),
    ),
  ]);
  return new Response(`\uFEFF${body}`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${slug}-applications.csv"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}
