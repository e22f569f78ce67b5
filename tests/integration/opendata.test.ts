import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, getSql } from '@/db/client';
import { migrateTenant } from '@/db/migrator';
import { tenants } from '@/db/schema/platform';
import { buyerOrganisations, supplierFrameworks, suppliers } from '@/db/schema/tenant';
import { opportunities, opportunityResponses } from '@/db/schema/tenant-opportunities';
import { withTenant, type TenantTx } from '@/db/with-tenant';
import { createCallOffContract } from '@/modules/contracts/create';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework, listFrameworks } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { forgetOpenDataCache } from '@/modules/opendata/cache';
import { contractsTable, figuresTable, tableCsv } from '@/modules/opendata/datasets';
import { parseOpenDataFilters } from '@/modules/opendata/filters';
import { findPublicContract, listLatestOpportunities, listPublicContracts, listSuppliersWithLiveServices } from '@/modules/opendata/public-records';
import { decimalShare, openDataFigures } from '@/modules/opendata/queries';
import { loadOpenData } from '@/modules/opendata/service';
import { ZTenantConfig } from '@/tenants/config-schema';
import { ensurePlatformSchema, testTenantConfig, uniqueSlug } from '../support/tenants';

const catalogue = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.catalogue);
const schedule = { applicationsOpen: '2024-01-08', clarificationsClose: '2024-01-19', applicationsClose: '2024-02-02', intentionToAward: '2024-02-26', live: '2024-03-11', expires: '2099-03-11', deadlineTime: '17:00' };
const ACTOR = 'e0000000-0000-4000-8000-000000000000';

async function tenantWith(prefix: string, overrides: Parameters<typeof testTenantConfig>[1]) {
  const slug = uniqueSlug(prefix);
  const config = ZTenantConfig.parse(testTenantConfig(slug, overrides));
  await getDb().insert(tenants).values({ slug, config });
  await migrateTenant(getSql(), slug);
  return { slug, config };
}

async function supplier(tx: TenantTx, legalName: string, organisationSize: string, region: string | null): Promise<string> {
  const [row] = await tx.insert(suppliers).values({ legalName, registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize, region }).returning({ id: suppliers.id });
  return row!.id;
}

async function buyer(tx: TenantTx, name: string): Promise<string> {
  const [row] = await tx.insert(buyerOrganisations).values({ name, organisationType: 'local' }).returning({ id: buyerOrganisations.id });
  return row!.id;
}

function contract(frameworkId: string, lot: string, organisationId: string, supplierId: string, value: string, awardedOn: string, currency = 'GBP') {
  return { route: 'direct_award' as const, frameworkId, lot, organisationId, supplierId, title: `Contract ${value}`, value, currency, startDate: awardedOn, endDate: '2027-12-31', awardedOn, createdBy: ACTOR };
}

const all = parseOpenDataFilters({});

describe('open data figures (hand-computed)', () => {
  let gb: { slug: string; config: ReturnType<typeof ZTenantConfig.parse> };
  let cl: { slug: string; config: ReturnType<typeof ZTenantConfig.parse> };
  const now = new Date('2026-06-01T12:00:00Z');

  beforeAll(async () => {
    await ensurePlatformSchema();
    gb = await tenantWith('odgb', { currency: 'GBP' });
    cl = await tenantWith('odcl', { currency: 'CLP', country: 'CL', timezone: 'America/Santiago', defaultLocale: 'es', locales: [{ code: 'es', format: 'es-CL' }], name: { es: 'Mercado de prueba' } });
    await withTenant(gb, async (tx) => {
      const cloud = await createFramework(tx, { slug: 'cloud', name: { en: 'Cloud 1' }, definition: catalogue, schedule });
      const other = await createFramework(tx, { slug: 'other', name: { en: 'Other 1' }, definition: catalogue, schedule });
      const s1 = await supplier(tx, 'Micro Wales Ltd', 'micro', 'Wales');
      const s2 = await supplier(tx, 'Small London Ltd', 'small', 'London');
      const s3 = await supplier(tx, 'Large London plc', 'large', 'London');
      const s4 = await supplier(tx, 'Medium Nowhere Ltd', 'medium', null);
      const s5 = await supplier(tx, 'Never Won Ltd', 'small', 'Scotland');
      const s6 = await supplier(tx, 'Failed Ltd', 'small', 'Scotland');
      for (const [id, result] of [[s1, 'pass'], [s2, 'pass'], [s3, 'pass'], [s4, 'pass'], [s5, 'pass'], [s6, 'fail']] as const) {
        await tx.insert(supplierFrameworks).values({ supplierId: id, frameworkId: cloud, result, declarationStatus: 'complete' });
      }
      const x = await buyer(tx, 'Council X');
      // A hostile name: the CSV must not let a spreadsheet run it.
      const y = await buyer(tx, '=HYPERLINK("http://evil.example","Y")');
      await createCallOffContract(tx, contract(cloud, 'cloud-hosting', x, s1, '10000', '2025-01-15'));
      await createCallOffContract(tx, contract(cloud, 'cloud-software', x, s2, '20000.50', '2025-01-31'));
      await createCallOffContract(tx, contract(cloud, 'cloud-hosting', y, s3, '60000', '2025-03-02'));
      await createCallOffContract(tx, contract(cloud, 'cloud-support', y, s4, '9999.50', '2025-04-10'));
      await createCallOffContract(tx, contract(other, 'cloud-hosting', x, s3, '100000', '2026-01-05'));
      // Another currency is never added to pounds.
      await createCallOffContract(tx, contract(cloud, 'cloud-hosting', x, s1, '5000', '2025-01-20', 'USD'));

      const opportunity = async (title: string, published: string, closes: string, extra: Partial<typeof opportunities.$inferInsert> = {}) => {
        const [row] = await tx
          .insert(opportunities)
          .values({ frameworkId: cloud, lot: 'cloud-software', organisationId: x, createdBy: ACTOR, title, publishedAt: new Date(published), closesAt: new Date(closes), ...extra })
          .returning({ id: opportunities.id });
        return row!.id;
      };
      const respond = async (opportunityId: string, supplierId: string, submitted: boolean) => {
        await tx.insert(opportunityResponses).values({ opportunityId, supplierId, createdBy: ACTOR, submittedAt: submitted ? new Date('2025-05-01T10:00:00Z') : null });
      };
      const one = await opportunity('One response', '2025-04-01T09:00:00Z', '2025-05-02T16:00:00Z');
      await respond(one, s1, true);
      await respond(one, s2, false); // a draft is not a response
      const three = await opportunity('Three responses', '2025-04-01T09:00:00Z', '2025-05-03T16:00:00Z');
      await respond(three, s1, true);
      await respond(three, s2, true);
      await respond(three, s4, true);
      await opportunity('No response', '2025-04-01T09:00:00Z', '2025-05-04T16:00:00Z');
      const open = await opportunity('Still open', '2026-05-20T09:00:00Z', '2026-06-20T16:00:00Z');
      await respond(open, s1, true);
      await respond(open, s2, true);
      await opportunity('Withdrawn', '2025-04-01T09:00:00Z', '2025-05-02T16:00:00Z', { withdrawnAt: new Date('2025-04-10T09:00:00Z') });
    });
    await withTenant(cl, async (tx) => {
      const marco = await createFramework(tx, { slug: 'nube', name: { es: 'Nube 1' }, definition: catalogue, schedule });
      const small = await supplier(tx, 'Pyme Santiago SpA', 'small', 'Metropolitana');
      const large = await supplier(tx, 'Grande Valparaíso S.A.', 'large', 'Valparaíso');
      const org = await buyer(tx, 'Municipalidad de Prueba');
      await createCallOffContract(tx, contract(marco, 'cloud-hosting', org, small, '1500000', '2025-02-10', 'CLP'));
      await createCallOffContract(tx, contract(marco, 'cloud-hosting', org, large, '500000', '2025-02-11', 'CLP'));
    });
  });

  it('totals and the SME share by value, leaving other currencies out', async () => {
    const f = await withTenant(gb, (tx) => openDataFigures(tx, all, 'GBP', now));
    expect(f.headline).toEqual({ value: '200000.00', contracts: 5, suppliers: 4, buyers: 2, smeValue: '40000.00', smeContracts: 3, smeShare: '20.0', otherCurrencyContracts: 1 });
    expect(f.bySize.map((r) => [r.key, r.value, r.contracts])).toEqual([
      ['micro', '10000.00', 1],
      ['small', '20000.50', 1],
      ['medium', '9999.50', 1],
      ['large', '160000.00', 2],
    ]);
  });

  it('by region, ranked, with suppliers without a region grouped', async () => {
    const f = await withTenant(gb, (tx) => openDataFigures(tx, all, 'GBP', now));
    expect(f.byRegion.map((r) => [r.key, r.value, r.contracts])).toEqual([
      ['London', '180000.50', 3],
      ['Wales', '10000.00', 1],
      ['', '9999.50', 1],
    ]);
  });

  it('by month with empty months filled in, by quarter and by year', async () => {
    const months = (await withTenant(gb, (tx) => openDataFigures(tx, all, 'GBP', now))).overTime;
    expect(months).toHaveLength(13);
    expect(months.slice(0, 4).map((r) => [r.key, r.value, r.contracts])).toEqual([
      ['2025-01', '30000.50', 2],
      ['2025-02', '0.00', 0],
      ['2025-03', '60000.00', 1],
      ['2025-04', '9999.50', 1],
    ]);
    expect(months[12]).toEqual({ key: '2026-01', value: '100000.00', contracts: 1 });
    const quarters = (await withTenant(gb, (tx) => openDataFigures(tx, { period: 'quarter' }, 'GBP', now))).overTime;
    expect(quarters.map((r) => [r.key, r.value])).toEqual([
      ['2025-Q1', '90000.50'],
      ['2025-Q2', '9999.50'],
      ['2025-Q3', '0.00'],
      ['2025-Q4', '0.00'],
      ['2026-Q1', '100000.00'],
    ]);
    const years = (await withTenant(gb, (tx) => openDataFigures(tx, { period: 'year' }, 'GBP', now))).overTime;
    expect(years.map((r) => [r.key, r.value, r.contracts])).toEqual([
      ['2025', '100000.00', 4],
      ['2026', '100000.00', 1],
    ]);
  });

  it('date range and framework filters', async () => {
    const ranged = await withTenant(gb, (tx) => openDataFigures(tx, parseOpenDataFilters({ from: '2025-02-01', to: '2025-12-31' }), 'GBP', now));
    expect(ranged.headline).toMatchObject({ value: '69999.50', contracts: 2, smeValue: '9999.50', smeShare: '14.3' });
    const other = await withTenant(gb, (tx) => openDataFigures(tx, parseOpenDataFilters({ framework: 'other' }), 'GBP', now));
    expect(other.headline).toMatchObject({ value: '100000.00', contracts: 1, smeShare: '0.0' });
    expect(other.byFrameworkLot.map((r) => r.key)).toEqual(['other/cloud-hosting']);
    expect(other.competition).toEqual([]); // nobody passed onto "other"
  });

  it('by framework and lot, and by buyer organisation', async () => {
    const f = await withTenant(gb, (tx) => openDataFigures(tx, all, 'GBP', now));
    expect(f.byFrameworkLot.map((r) => [r.key, r.value, r.contracts])).toEqual([
      ['other/cloud-hosting', '100000.00', 1],
      ['cloud/cloud-hosting', '70000.00', 2],
      ['cloud/cloud-software', '20000.50', 1],
      ['cloud/cloud-support', '9999.50', 1],
    ]);
    expect(f.byBuyer.map((r) => [r.name, r.value, r.contracts])).toEqual([
      ['Council X', '130000.50', 3],
      ['=HYPERLINK("http://evil.example","Y")', '69999.50', 2],
    ]);
  });

  it('competition: share of suppliers on a framework that won business; responses per opportunity', async () => {
    const f = await withTenant(gb, (tx) => openDataFigures(tx, all, 'GBP', now));
    expect(f.competition).toEqual([expect.objectContaining({ frameworkSlug: 'cloud', onFramework: 5, winners: 4, winnerShare: '80.0' })]);
    expect(f.responses).toEqual({
      closedOpportunities: 3,
      submittedResponses: 4,
      averageResponses: '1.33',
      singleResponse: 1,
      singleResponseShare: '50.0',
      distribution: [
        { key: '0', opportunities: 1 },
        { key: '1', opportunities: 1 },
        { key: '2', opportunities: 0 },
        { key: '3-5', opportunities: 1 },
        { key: '6+', opportunities: 0 },
      ],
    });
  });

  it('a tenant in another currency has its own figures, untouched by the other tenant', async () => {
    const f = await withTenant(cl, (tx) => openDataFigures(tx, all, 'CLP', now));
    expect(f.headline).toEqual({ value: '2000000.00', contracts: 2, suppliers: 2, buyers: 1, smeValue: '1500000.00', smeContracts: 1, smeShare: '75.0', otherCurrencyContracts: 0 });
    expect(f.byRegion.map((r) => [r.key, r.value])).toEqual([
      ['Metropolitana', '1500000.00'],
      ['Valparaíso', '500000.00'],
    ]);
    expect(f.overTime).toEqual([{ key: '2025-02', value: '2000000.00', contracts: 2 }]);
  });

  it('each CSV holds exactly the figures the page shows, with formulas neutralised', async () => {
    const { figures, frameworks } = await loadOpenData(gb, all);
    const labels = { frameworks, locale: 'en', fallback: 'en' };
    const read = (csv: string) => parse(csv.replace(/^\uFEFF/, '')) as string[][];
    const region = read(tableCsv(figuresTable('spend-by-region', figures, labels, 'GBP')));
    expect(region).toEqual([['region', 'value_GBP', 'contracts'], ...figures.byRegion.map((r) => [r.key, r.value, String(r.contracts)])]);
    const size = read(tableCsv(figuresTable('spend-by-supplier-size', figures, labels, 'GBP')));
    const smeRows = size.slice(1).filter((r) => r[1] === 'yes');
    expect(smeRows.reduce((sum, r) => sum + Number(r[2]), 0).toFixed(2)).toBe(figures.headline.smeValue);
    expect(size[4]).toEqual(['large', 'no', '160000.00', '2', '80.0']);
    const months = read(tableCsv(figuresTable('spend-over-time', figures, labels, 'GBP')));
    expect(months.slice(1)).toEqual(figures.overTime.map((r) => [r.key, r.value, String(r.contracts)]));
    const buyers = read(tableCsv(figuresTable('spend-by-buyer', figures, labels, 'GBP')));
    expect(buyers[2]![0]).toBe(`'=HYPERLINK("http://evil.example","Y")`);
    const byFramework = read(tableCsv(figuresTable('spend-by-framework', figures, labels, 'GBP')));
    expect(byFramework[1]).toEqual(['other', 'Other 1', 'cloud-hosting', expect.any(String), '100000.00', '1']);
    const contracts = await withTenant(gb, async (tx) => (await listPublicContracts(tx, {}, { limit: null, offset: 0 })).rows);
    const rows = read(tableCsv(contractsTable(contracts, labels)));
    expect(rows).toHaveLength(7); // header + 6 contracts (the list shows every award, whatever its currency)
    expect(rows.slice(1).filter((r) => r[12] === 'GBP').reduce((s, r) => s + Number(r[11]), 0).toFixed(2)).toBe(figures.headline.value);
  });

  it('public contract records carry public fields only', async () => {
    const { rows } = await withTenant(gb, (tx) => listPublicContracts(tx, { framework: 'cloud' }));
    expect(rows).toHaveLength(5);
    const one = await withTenant(gb, (tx) => findPublicContract(tx, rows[0]!.reference));
    expect(Object.keys(one!).sort()).toEqual(
      ['awardedOn', 'buyerName', 'currency', 'endDate', 'frameworkId', 'frameworkName', 'frameworkSlug', 'id', 'lot', 'reference', 'route', 'startDate', 'status', 'supplierId', 'supplierName', 'supplierRegion', 'supplierSize', 'title', 'value'].sort(),
    );
    // Another tenant cannot open it by reference: its schema has its own numbering and rows.
    const elsewhere = await withTenant(cl, (tx) => findPublicContract(tx, rows[0]!.reference));
    expect(elsewhere?.title).not.toBe(one!.title);
    expect(await withTenant(gb, (tx) => listSuppliersWithLiveServices(tx))).toEqual([]); // no published service yet
  });

  it('the home page lists the latest published opportunities, never withdrawn ones', async () => {
    const latest = await withTenant(gb, (tx) => listLatestOpportunities(tx, 3));
    expect(latest.map((o) => o.title)).toEqual(['Still open', 'No response', 'Three responses']);
    expect(latest[0]!.buyerName).toBe('Council X');
  });

  it('cached figures refresh when a contract is awarded, and never cross tenants', async () => {
    forgetOpenDataCache();
    const before = await loadOpenData(gb, all);
    const other = await loadOpenData(cl, all);
    expect(other.figures.headline.value).toBe('2000000.00');
    expect((await loadOpenData(gb, all)).figures.headline.value).toBe(before.figures.headline.value);
    await withTenant(gb, async (tx) => {
      const [fw] = await listFrameworks(tx, 'Europe/London');
      const [s] = await tx.select({ id: suppliers.id }).from(suppliers).limit(1);
      const [b] = await tx.select({ id: buyerOrganisations.id }).from(buyerOrganisations).limit(1);
      await createCallOffContract(tx, contract(fw!.id, 'cloud-hosting', b!.id, s!.id, '0.50', '2025-06-01'));
    });
    expect((await loadOpenData(gb, all)).figures.headline.value).toBe('200000.50');
    expect((await loadOpenData(cl, all)).figures.headline.value).toBe('2000000.00');
  });
});

describe('decimal arithmetic', () => {
  it('shares are rounded half up on tenths of a percent', () => {
    expect(decimalShare('1', '3')).toBe('33.3');
    expect(decimalShare('2', '3')).toBe('66.7');
    expect(decimalShare('0.05', '10')).toBe('0.5');
    expect(decimalShare('5', '0')).toBe('');
    expect(decimalShare('99999999999999.99', '99999999999999.99')).toBe('100.0');
  });
});

describe('demo awards for a new demo tenant', () => {
  it('a demo tenant folder with live services and buyers gets contracts in its own currency, once', async () => {
    const { cp, mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { importTenantFolder } = await import('@/tenants/import-export');
    const { seedDemoContracts } = await import('@/tenants/opendata-demo-seed');
    await ensurePlatformSchema();
    const dir = await mkdtemp(path.join(tmpdir(), 'mp-od-'));
    await cp(path.join(process.cwd(), 'tests/fixtures/tenants/qa'), dir, { recursive: true });
    const config = JSON.parse(await readFile(path.join(dir, 'tenant.json'), 'utf8'));
    config.slug = uniqueSlug('odqa');
    config.members = [];
    await writeFile(path.join(dir, 'tenant.json'), JSON.stringify(config));
    await importTenantFolder(getDb(), getSql(), dir);
    const tenant = { slug: config.slug as string };
    const { rows, total } = await withTenant(tenant, (tx) => listPublicContracts(tx, {}, { limit: null, offset: 0 }));
    expect(total).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['AED']));
    expect(rows.every((r) => r.awardedOn >= '2025-03-10' && r.awardedOn <= new Date().toISOString().slice(0, 10))).toBe(true);
    expect(await withTenant(tenant, (tx) => listSuppliersWithLiveServices(tx))).toHaveLength(3);
    // A second run adds nothing.
    expect(await seedDemoContracts(getDb(), { slug: tenant.slug, currency: 'AED' })).toBe(0);
  });
});

describe('guidance pages', () => {
  it('saves per page and locale, replaces on a second save, resets when emptied, and audits each change', async () => {
    const { findGuidance, saveGuidance } = await import('@/modules/opendata/guidance');
    const { auditEvents } = await import('@/db/schema/tenant');
    await ensurePlatformSchema();
    const tenant = await tenantWith('odgd', { locales: [{ code: 'en', format: 'en-GB' }, { code: 'cy', format: 'cy-GB' }], name: { en: 'Guide', cy: 'Canllaw' } });
    await withTenant(tenant, (tx) => saveGuidance(tx, { page: 'how-to-sell', locale: 'en', markdown: '## Sell\r\n\r\nFirst', userId: ACTOR }));
    await withTenant(tenant, (tx) => saveGuidance(tx, { page: 'how-to-sell', locale: 'cy', markdown: '## Gwerthu', userId: ACTOR }));
    await withTenant(tenant, (tx) => saveGuidance(tx, { page: 'how-to-sell', locale: 'en', markdown: '## Sell\n\nSecond', userId: ACTOR }));
    expect((await withTenant(tenant, (tx) => findGuidance(tx, 'how-to-sell', 'en')))?.markdown).toBe('## Sell\n\nSecond');
    expect((await withTenant(tenant, (tx) => findGuidance(tx, 'how-to-sell', 'cy')))?.markdown).toBe('## Gwerthu');
    await withTenant(tenant, (tx) => saveGuidance(tx, { page: 'how-to-sell', locale: 'en', markdown: '   ', userId: ACTOR }));
    expect(await withTenant(tenant, (tx) => findGuidance(tx, 'how-to-sell', 'en'))).toBeNull();
    const events = await withTenant(tenant, (tx) => tx.select().from(auditEvents));
    expect(events.map((e) => `${e.type} ${e.objectId}`).sort()).toEqual(
      ['guidance.reset how-to-sell/en', 'guidance.updated how-to-sell/cy', 'guidance.updated how-to-sell/en', 'guidance.updated how-to-sell/en'].sort(),
    );
  });
});
