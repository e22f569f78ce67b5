import { and, eq, inArray, sql } from 'drizzle-orm';
import { tenants } from '@/db/schema/platform';
import { buyerOrganisations, directAwardProjects, frameworks, outcomes, services, supplierFrameworks, suppliers } from '@/db/schema/tenant';
import { ocdsReleases } from '@/db/schema/tenant-ocds';
import type { TenantTx } from '@/db/with-tenant';
import { serviceTitle } from '@/modules/frameworks/definition-schema';
import { scheduleInstants } from '@/modules/frameworks/lifecycle';
import { frameworkById, type Framework } from '@/modules/frameworks/queries';
import { zonedTimeToInstant } from '@/modules/frameworks/zoned-time';
import { localised } from '@/modules/i18n/localised';
import type { TTenantConfig } from '@/tenants/config-schema';
import { authorityParty, buyerParty, directAwardBody, frameworkAwardsBody, frameworkTenderBody, money, supplierParty } from './builders';
import { ocidFor, ocidPrefixOf, publishRelease, type OcdsTenant, type PublishedRelease, type ReleaseEmission } from './publish';

/*
 * Domain events → releases. Callers pass only their transaction and the object: the tenant (prefix, currency,
 * language, time zone) is read through the same transaction from platform.tenants, using the schema the
 * transaction is bound to, so no second connection is opened (PGlite would deadlock).
 */

export type OcdsEvent =
  /** A framework was created or its definition, dates or status changed (tender / tenderUpdate). */
  | { type: 'framework'; frameworkId: string }
  /** Suppliers passed onto a framework (award release with the newly admitted suppliers). */
  | { type: 'framework.awards'; frameworkId: string }
  /** A direct award outcome was recorded (a call-off: new ocid, award release, competitive false). */
  | { type: 'direct_award'; outcomeId: string }
  /** Any other release, built by the caller with the generic builders. */
  | { type: 'release'; emission: ReleaseEmission };

type TenantWithZone = OcdsTenant & { config: OcdsTenant['config'] & Pick<TTenantConfig, 'timezone'> };

/** The tenant whose schema this transaction is bound to (t_<slug>; slugs have no underscores). */
export async function tenantOfTransaction(tx: TenantTx): Promise<TenantWithZone | null> {
  const [row] = await tx.execute<{ schema: string }>(sql`select current_schema() as schema`);
  const schema = row?.schema ?? '';
  if (!schema.startsWith('t_')) return null;
  const slug = schema.slice(2).replaceAll('_', '-');
  const [tenant] = await tx.select({ slug: tenants.slug, config: tenants.config }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return tenant ? { slug: tenant.slug, config: tenant.config as unknown as TTenantConfig } : null;
}

/**
 * Publishes what the event means as OCDS, inside the caller's transaction. Returns the releases stored
 * (none when the tenant has no ocid prefix or nothing changed).
 */
export async function emitOcdsEvent(tx: TenantTx, event: OcdsEvent): Promise<PublishedRelease[]> {
  const tenant = await tenantOfTransaction(tx);
  if (!tenant || !ocidPrefixOf(tenant)) return [];
  switch (event.type) {
    case 'framework':
      return publishFramework(tx, tenant, event.frameworkId, { awards: false });
    case 'framework.awards':
      return publishFramework(tx, tenant, event.frameworkId, { awards: true });
    case 'direct_award':
      return publishDirectAward(tx, tenant, event.outcomeId);
    case 'release': {
      const published = await publishRelease(tx, tenant, event.emission);
      return published ? [published] : [];
    }
  }
}

function countryName(tenant: TenantWithZone): string {
  try {
    return new Intl.DisplayNames([tenant.config.defaultLocale, 'en'], { type: 'region' }).of(tenant.config.country) ?? tenant.config.country;
  } catch {
    return tenant.config.country;
  }
}

function authorityOf(tenant: TenantWithZone) {
  const name = localised(tenant.config.name, tenant.config.defaultLocale);
  return authorityParty({ slug: tenant.slug, name, countryName: countryName(tenant) });
}

function frameworkFacts(framework: Framework, tenant: TenantWithZone) {
  const locale = tenant.config.defaultLocale;
  const description = framework.definition.description ? localised(framework.definition.description, locale) : undefined;
  return {
    id: framework.id,
    slug: framework.slug,
    title: localised(framework.name, locale) || framework.slug,
    description,
    status: framework.status,
    lots: framework.definition.lots.map((lot) => ({
      slug: lot.slug,
      title: localised(lot.name, locale),
      description: lot.description ? localised(lot.description, locale) : undefined,
      awardRoutes: lot.awardRoutes,
    })),
    dates: scheduleInstants(framework.schedule, tenant.config.timezone),
  };
}

async function publishFramework(tx: TenantTx, tenant: TenantWithZone, frameworkId: string, options: { awards: boolean }): Promise<PublishedRelease[]> {
  const framework = await frameworkById(tx, frameworkId, tenant.config.timezone);
  if (!framework) return [];
  const process = { type: 'framework', id: framework.id };
  const authority = authorityOf(tenant);
  const facts = frameworkFacts(framework, tenant);
  const published: PublishedRelease[] = [];
  const tender = await publishRelease(tx, tenant, {
    process,
    kind: 'tender',
    tag: (first) => [first ? 'tender' : 'tenderUpdate'],
    body: frameworkTenderBody(facts, authority),
  });
  if (tender) published.push(tender);
  if (!options.awards) return published;

  const known = await ocidFor(tx, tenant, process, { mint: false });
  if (!known || known.external) return published;
  // Only suppliers not yet published: each award release carries the newly admitted ones (merging adds them).
  const publishedAwards = await tx.execute<{ id: string }>(
    sql`select distinct a->>'id' as id from ${ocdsReleases}, jsonb_array_elements(coalesce(${ocdsReleases.release}->'awards', '[]'::jsonb)) a where ${ocdsReleases.ocid} = ${known.ocid}`,
  );
  const already = new Set(publishedAwards.map((r) => r.id));
  const passed = await tx
    .select({ supplier: suppliers })
    .from(supplierFrameworks)
    .innerJoin(suppliers, eq(suppliers.id, supplierFrameworks.supplierId))
    .where(and(eq(supplierFrameworks.frameworkId, framework.id), eq(supplierFrameworks.result, 'pass')))
    .orderBy(suppliers.legalName);
  const fresh = passed.filter((p) => !already.has(`framework-${framework.slug}-${p.supplier.id}`));
  if (fresh.length === 0) return published;
  const lotRows = await tx
    .select({ supplierId: services.supplierId, lot: services.lot })
    .from(services)
    .where(and(eq(services.frameworkId, framework.id), inArray(services.supplierId, fresh.map((f) => f.supplier.id)), inArray(services.status, ['complete', 'published', 'enabled'])));
  const now = new Date();
  const award = await publishRelease(tx, tenant, {
    process,
    kind: 'award',
    tag: ['award'],
    body: frameworkAwardsBody(
      { slug: framework.slug, title: facts.title },
      fresh.map(({ supplier }) => ({
        party: supplierParty(supplier),
        supplierId: supplier.id,
        lots: [...new Set(lotRows.filter((r) => r.supplierId === supplier.id).map((r) => r.lot))].sort(),
        date: now,
      })),
      authority,
    ),
    date: now,
  });
  if (award) published.push(award);
  return published;
}

async function publishDirectAward(tx: TenantTx, tenant: TenantWithZone, outcomeId: string): Promise<PublishedRelease[]> {
  const [row] = await tx
    .select({ outcome: outcomes, project: directAwardProjects, organisation: buyerOrganisations, supplier: suppliers })
    .from(outcomes)
    .innerJoin(directAwardProjects, eq(directAwardProjects.id, outcomes.projectId))
    .innerJoin(buyerOrganisations, eq(buyerOrganisations.id, outcomes.organisationId))
    .innerJoin(suppliers, eq(suppliers.id, outcomes.supplierId))
    .where(and(eq(outcomes.id, outcomeId), eq(outcomes.result, 'awarded')))
    .limit(1);
  if (!row) return [];
  const { outcome, project, organisation, supplier } = row;
  const published: PublishedRelease[] = [];
  let service: { id: string; name: string; lot: string } | undefined;
  let link: { ocid: string | null; title: string; relatedLots?: string[] } | undefined;
  if (outcome.serviceId) {
    const [found] = await tx
      .select({ id: services.id, lot: services.lot, answers: services.answers, frameworkId: services.frameworkId, frameworkName: frameworks.name })
      .from(services)
      .innerJoin(frameworks, eq(frameworks.id, services.frameworkId))
      .where(eq(services.id, outcome.serviceId))
      .limit(1);
    if (found) {
      const framework = await frameworkById(tx, found.frameworkId, tenant.config.timezone);
      const name = framework ? (serviceTitle(framework.definition, found.answers) ?? found.lot) : found.lot;
      service = { id: found.id, name, lot: found.lot };
      // The framework is published first, so the call-off can point at its ocid.
      published.push(...(await publishFramework(tx, tenant, found.frameworkId, { awards: true })));
      const frameworkOcid = await ocidFor(tx, tenant, { type: 'framework', id: found.frameworkId }, { mint: false });
      link = { ocid: frameworkOcid?.ocid ?? null, title: localised(found.frameworkName, tenant.config.defaultLocale), relatedLots: [found.lot] };
    }
  }
  const zone = tenant.config.timezone;
  const amount = outcome.value === null ? undefined : Number(outcome.value);
  const release = await publishRelease(tx, tenant, {
    process: { type: 'outcome', id: outcome.id },
    kind: 'award',
    tag: ['award'],
    date: outcome.createdAt,
    body: directAwardBody({
      awardId: outcome.id,
      title: project.name,
      date: outcome.createdAt,
      buyer: buyerParty(organisation),
      supplier: supplierParty(supplier),
      value: amount === undefined ? undefined : (money(amount, tenant.config.currency) as { amount: number; currency: string } | undefined),
      contractPeriod: {
        startDate: outcome.startDate ? zonedTimeToInstant(outcome.startDate, '00:00', zone) : undefined,
        endDate: outcome.endDate ? zonedTimeToInstant(outcome.endDate, '23:59', zone) : undefined,
      },
      service,
      framework: link,
    }),
  });
  if (release) published.push(release);
  return published;
}

/**
 * Publishes the current state of every framework and direct award of the tenant (idempotent: unchanged content
 * is skipped). Used after seeding and when a prefix is first set (opportunities and contracts publish through
 * their own events, call-off-events.ts).
 */
export async function syncOcds(tx: TenantTx): Promise<number> {
  const tenant = await tenantOfTransaction(tx);
  if (!tenant || !ocidPrefixOf(tenant)) return 0;
  let count = 0;
  for (const { id } of await tx.select({ id: frameworks.id }).from(frameworks).orderBy(frameworks.createdAt, frameworks.slug)) {
    count += (await publishFramework(tx, tenant, id, { awards: true })).length;
  }
  const awarded = await tx.select({ id: outcomes.id }).from(outcomes).where(eq(outcomes.result, 'awarded')).orderBy(outcomes.createdAt);
  for (const { id } of awarded) {
    const known = await ocidFor(tx, tenant, { type: 'outcome', id }, { mint: false });
    if (known) continue; // a direct award is one release; it never changes afterwards
    count += (await publishDirectAward(tx, tenant, id)).length;
  }
  return count;
}
