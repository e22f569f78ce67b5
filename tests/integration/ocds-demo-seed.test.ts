import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, getSql } from '@/db/client';
import { withTenant } from '@/db/with-tenant';
import { listReleases, PAGE_LIMIT_MAX } from '@/modules/ocds/packages';
import { PUBLISHED_EXTENSIONS, validateReleasePackage } from '@/modules/ocds/validate';
import { importTenantFolder } from '@/tenants/import-export';
import { ensurePlatformSchema, uniqueSlug } from '../support/tenants';

/** A copy of a shipped demo tenant under a fresh slug, so the test never collides with others. */
async function importDemoCopy(demo: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'mp-ocds-'));
  await cp(path.join(process.cwd(), 'tenants', demo), dir, { recursive: true });
  const config = JSON.parse(await readFile(path.join(dir, 'tenant.json'), 'utf8'));
  const slug = uniqueSlug(demo);
  config.slug = slug;
  config.domains = (config.domains as string[]).map((d) => `${slug}.${d}`);
  config.members = (config.members as { email: string }[]).map((m) => ({ ...m, email: `${slug}.${m.email}` }));
  await writeFile(path.join(dir, 'tenant.json'), JSON.stringify(config, null, 2));
  await importTenantFolder(getDb(), getSql(), dir);
  return { slug, prefix: config.ocidPrefix as string };
}

describe('each demo tenant publishes a non-empty, valid OCDS package', () => {
  beforeAll(ensurePlatformSchema);

  for (const demo of ['uk', 'ca', 'cl']) {
    it(`${demo}: frameworks with awarded suppliers and direct-award call-offs`, async () => {
      const { slug, prefix } = await importDemoCopy(demo);
      const { releases } = await withTenant({ slug }, (tx) => listReleases(tx, { limit: PAGE_LIMIT_MAX }));
      const pkg = { uri: `http://${slug}.localhost/api/ocds/releases`, version: '1.1', publishedDate: '2026-01-01T00:00:00Z', publisher: { name: slug }, extensions: [...PUBLISHED_EXTENSIONS], releases };
      expect(validateReleasePackage(pkg, { expectedPrefix: prefix }).issues).toEqual([]);
      const json = releases as Record<string, any>[];
      const frameworkTenders = json.filter((r) => r.tender?.techniques?.hasFrameworkAgreement);
      expect(frameworkTenders.length).toBeGreaterThan(0);
      const frameworkAwards = json.filter((r) => r.tag.includes('award') && !r.relatedProcesses);
      expect(frameworkAwards.flatMap((r) => r.awards).length).toBeGreaterThanOrEqual(3);
      const callOffs = json.filter((r) => r.relatedProcesses?.[0]?.relationship?.includes('framework'));
      // Direct awards (competitive: false) and further competitions (selective, competitive) both point at a published framework.
      const directAwards = callOffs.filter((r) => r.tender?.competitive === false);
      const competitions = callOffs.filter((r) => r.tender?.competitive === true);
      expect(directAwards.length).toBeGreaterThan(0);
      expect(competitions.length).toBeGreaterThan(0);
      expect(directAwards.length + competitions.length).toBe(callOffs.length);
      for (const callOff of callOffs) expect(json.some((r) => r.ocid === callOff.relatedProcesses[0].identifier)).toBe(true);
      for (const competition of competitions) expect(competition.tender.procurementMethod).toBe('selective');
    });
  }
});
