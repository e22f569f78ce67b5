import { stringify } from 'csv-stringify/sync';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { findBuyerOrganisation, findProject, listSnapshots } from '@/modules/direct-award/service';
import { questionsOf } from '@/modules/frameworks/definition-schema';
import { listFrameworks } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { signedInUser, tenantFromRequest } from '@/modules/tenancy/context';

/** Formula-looking cells are prefixed so a spreadsheet shows them as text (CSV injection). */
function safeCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The frozen shortlist with every answer, one column per question (labels in the marketplace's language). */
export async function GET(_request: Request, { params }: RouteContext<'/api/projects/[project]/shortlist.csv'>): Promise<Response> {
  const { project: projectId } = await params;
  const resolved = await tenantFromRequest();
  const user = await signedInUser();
  if (!resolved || !user || !z.uuid().safeParse(projectId).success) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const { tenant } = resolved;
  const data = await withTenant(tenant, async (tx) => {
    const organisation = await findBuyerOrganisation(tx, user.id);
    const project = organisation ? await findProject(tx, organisation.id, projectId) : null;
    if (!project?.searchEndedAt) return null;
    return { project, snapshots: await listSnapshots(tx, project.id), frameworks: await listFrameworks(tx, tenant.config.timezone) };
  });
  if (!data) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const locale = tenant.config.defaultLocale;
  const columns = new Map<string, string>();
  for (const snapshot of data.snapshots) {
    const framework = data.frameworks.find((f) => f.slug === snapshot.frameworkSlug);
    for (const { question } of questionsOf(framework?.definition.questionSets.services ?? [])) {
      if (!columns.has(question.id)) columns.set(question.id, localised(question.label, locale, locale));
    }
  }
  const header = ['supplier', 'framework', 'lot', 'service_id', ...columns.values()];
  const rows = data.snapshots.map((s) => [s.supplierName, s.frameworkSlug, s.lot, s.serviceId, ...[...columns.keys()].map((id) => s.answers[id])].map(safeCell));
  return new Response(`\uFEFF${stringify([header, ...rows])}`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="shortlist-${projectId}.csv"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}
