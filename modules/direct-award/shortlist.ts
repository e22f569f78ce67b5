import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { questionsOf } from '@/modules/frameworks/definition-schema';
import { listFrameworks } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { signedInUser, tenantFromRequest } from '@/modules/tenancy/context';
import { findBuyerOrganisation, findProject, listSnapshots } from './service';

/**
 * The frozen shortlist of the signed-in buyer's own project, one row per service and one column per question
 * (labels in the marketplace's language). Null when it is not theirs, not found or not ended: answer 404.
 */
export async function shortlistTable(projectId: string): Promise<{ header: string[]; rows: unknown[][] } | null> {
  const resolved = await tenantFromRequest();
  const user = await signedInUser();
  if (!resolved || !user || !z.uuid().safeParse(projectId).success) return null;
  const { tenant } = resolved;
  const data = await withTenant(tenant, async (tx) => {
    const organisation = await findBuyerOrganisation(tx, user.id);
    const project = organisation ? await findProject(tx, organisation.id, projectId, user.id) : null;
    if (!project?.searchEndedAt) return null;
    return { snapshots: await listSnapshots(tx, project.id), frameworks: await listFrameworks(tx, tenant.config.timezone) };
  });
  if (!data) return null;
  const locale = tenant.config.defaultLocale;
  const columns = new Map<string, string>();
  for (const snapshot of data.snapshots) {
    const framework = data.frameworks.find((f) => f.slug === snapshot.frameworkSlug);
    for (const { question } of questionsOf(framework?.definition.questionSets.services ?? [])) {
      if (!columns.has(question.id)) columns.set(question.id, localised(question.label, locale, locale));
    }
  }
  return {
    header: ['supplier', 'framework', 'lot', 'service_id', ...columns.values()],
    rows: data.snapshots.map((s) => [s.supplierName, s.frameworkSlug, s.lot, s.serviceId, ...[...columns.keys()].map((id) => s.answers[id])]),
  };
}

/** A cell as text: lists joined, objects (prices, files) as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
