import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { frameworks, supplierFrameworks, suppliers } from '@/db/schema/tenant';
import { ocdsProcesses, ocdsReleases } from '@/db/schema/tenant-ocds';
import { withTenant } from '@/db/with-tenant';
import { listFrameworks } from '@/modules/frameworks/queries';
import { importOcdsPackage } from '@/modules/ocds/import';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const fixture = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'ocds', 'import', 'framework-release-package.json'), 'utf8');
const options = { locale: 'en', timeZone: 'Europe/London', actor: 'd0000000-0000-4000-8000-000000000000' };

async function counts(tenant: { slug: string }) {
  return withTenant(tenant, async (tx) => ({
    frameworks: (await tx.select().from(frameworks)).length,
    suppliers: (await tx.select().from(suppliers)).length,
    admitted: (await tx.select().from(supplierFrameworks)).length,
    processes: (await tx.select().from(ocdsProcesses)).length,
  }));
}

describe('importing an existing framework from an OCDS package', () => {
  beforeAll(ensurePlatformSchema);

  it('a valid release package creates the framework, its lots and the awarded suppliers', async () => {
    const tenant = await createTestTenant('ocds-import', { ocidPrefix: 'ocds-t3st02' });
    const result = await importOcdsPackage(tenant, fixture, options);
    expect(result).toEqual({ ok: true, frameworks: [{ slug: 'digital-and-data-services-2', ocid: 'ocds-h6vhtk-04f1a2', lots: 2, suppliers: 3 }] });
    const [framework] = await withTenant(tenant, (tx) => listFrameworks(tx, 'Europe/London'));
    expect(framework!.name).toEqual({ en: 'Digital and Data Services 2' });
    expect(framework!.definition.lots.map((l) => [l.slug, l.awardRoutes])).toEqual([
      ['data-analytics', ['direct_award', 'further_competition']],
      ['cloud-hosting', ['direct_award']],
    ]);
    expect(framework!.schedule).toMatchObject({ applicationsOpen: '2024-03-01', clarificationsClose: '2024-04-01', applicationsClose: '2024-04-15', intentionToAward: '2024-06-10', live: '2024-07-01', expires: '2028-07-01' });
    const admitted = await withTenant(tenant, (tx) => tx.select({ name: suppliers.legalName, size: suppliers.organisationSize, result: supplierFrameworks.result }).from(supplierFrameworks).innerJoin(suppliers, eq(suppliers.id, supplierFrameworks.supplierId)).orderBy(suppliers.legalName));
    expect(admitted).toEqual([
      { name: 'Example Analytics Limited', size: 'small', result: 'pass' },
      { name: 'Example Hosting plc', size: 'large', result: 'pass' },
      { name: 'Example Research Co-operative Ltd', size: 'medium', result: 'pass' },
    ]);
    // Someone else's process: kept under its own ocid and not republished under this tenant's prefix.
    const processes = await withTenant(tenant, (tx) => tx.select().from(ocdsProcesses));
    expect(processes).toEqual([expect.objectContaining({ ocid: 'ocds-h6vhtk-04f1a2', external: true })]);
    expect(await withTenant(tenant, (tx) => tx.select().from(ocdsReleases))).toEqual([]);

    // The same file again changes nothing and says why.
    const before = await counts(tenant);
    const again = await importOcdsPackage(tenant, fixture, options);
    expect(again).toMatchObject({ ok: false, groups: [{ kind: 'content', count: 1 }] });
    expect(await counts(tenant)).toEqual(before);
  });

  it('an invalid package creates nothing and reports grouped errors with exact paths', async () => {
    const tenant = await createTestTenant('ocds-import-bad');
    const broken = JSON.parse(fixture);
    broken.releases[1].awards[0].status = 'approved';
    broken.releases[1].awards[1].suppliers[0].id = 'GB-COH-99999999';
    broken.releases[0].date = 'yesterday';
    const result = await importOcdsPackage(tenant, JSON.stringify(broken), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byKind = Object.fromEntries(result.groups.map((g) => [g.kind, g.samples.map((s) => s.path)]));
    expect(byKind.schema).toEqual(expect.arrayContaining(['/releases/0/date', '/releases/1/awards/0/status']));
    expect(byKind.reference).toEqual(['/releases/1/awards/1/suppliers/0/id']);
    expect(await counts(tenant)).toEqual({ frameworks: 0, suppliers: 0, admitted: 0, processes: 0 });
  });

  it('a file that is not JSON, not a package, or has no framework creates nothing', async () => {
    const tenant = await createTestTenant('ocds-import-none');
    expect(await importOcdsPackage(tenant, '{"releases": [', options)).toMatchObject({ ok: false, groups: [{ kind: 'json' }] });
    expect(await importOcdsPackage(tenant, '{"hello": 1}', options)).toMatchObject({ ok: false, groups: [{ kind: 'structure' }] });
    const plain = JSON.parse(fixture);
    delete plain.releases[0].tender.techniques;
    delete plain.releases[0].tender.lots;
    const result = await importOcdsPackage(tenant, JSON.stringify(plain), options);
    expect(result).toMatchObject({ ok: false, groups: [{ kind: 'content' }] });
    expect(await counts(tenant)).toEqual({ frameworks: 0, suppliers: 0, admitted: 0, processes: 0 });
  });

  it('a record package is accepted too', async () => {
    const tenant = await createTestTenant('ocds-import-record');
    const pkg = JSON.parse(fixture);
    const record = { uri: pkg.uri, version: '1.1', publishedDate: pkg.publishedDate, publisher: pkg.publisher, extensions: pkg.extensions, records: [{ ocid: 'ocds-h6vhtk-04f1a2', releases: pkg.releases }] };
    const result = await importOcdsPackage(tenant, JSON.stringify(record), options);
    expect(result).toMatchObject({ ok: true, frameworks: [{ lots: 2, suppliers: 3 }] });
  });
});
