import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, getSql } from '@/db/client';
import { contracts, contractVersions, statementsOfWork } from '@/db/schema/tenant-contracts';
import { notificationJobs } from '@/db/schema/tenant-notifications';
import { buyerTeamMembers, buyerTeams } from '@/db/schema/tenant-teams';
import { withTenant } from '@/db/with-tenant';
import { importTenantFolder } from '@/tenants/import-export';
import { ensurePlatformSchema, uniqueSlug } from '../support/tenants';

/** A shipped demo tenant under a fresh slug, imported as `npm start` does on first run. */
async function importDemo(demo: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mp-contracts-'));
  await cp(path.join(process.cwd(), 'tenants', demo), dir, { recursive: true });
  const config = JSON.parse(await readFile(path.join(dir, 'tenant.json'), 'utf8'));
  const slug = uniqueSlug(demo);
  config.slug = slug;
  config.domains = (config.domains as string[]).map((d) => `${slug}.${d}`);
  await writeFile(path.join(dir, 'tenant.json'), JSON.stringify(config, null, 2));
  await importTenantFolder(getDb(), getSql(), dir);
  return slug;
}

describe('demo call-off contracts', () => {
  beforeAll(ensurePlatformSchema);

  for (const [demo, currency] of [['uk', 'GBP'], ['ca', 'CAD'], ['cl', 'CLP']] as const) {
    it(`${demo}: every state, a variation, a statement of work and a termination, in ${currency}`, async () => {
      const slug = await importDemo(demo);
      const { rows, versions, statements, jobs, teams } = await withTenant({ slug }, async (tx) => ({
        rows: await tx.select().from(contracts).orderBy(asc(contracts.reference)),
        versions: await tx.select().from(contractVersions),
        statements: await tx.select().from(statementsOfWork),
        jobs: await tx.select().from(notificationJobs),
        teams: await tx.select({ name: buyerTeams.name, members: sql<number>`(select count(*)::int from ${buyerTeamMembers} m where m.team_id = ${buyerTeams.id})` }).from(buyerTeams),
      }));
      // The buyer organisation's teams are seeded through the domain functions, with their members.
      const seededTeams = JSON.parse(await readFile(path.join(process.cwd(), 'tenants', demo, 'seed', 'buyers.json'), 'utf8')).flatMap((o: { teams?: { name: string; members: string[] }[] }) => o.teams ?? []);
      expect(teams.map((t) => [t.name, t.members]).sort()).toEqual(seededTeams.map((t: { name: string; members: string[] }) => [t.name, t.members.length]).sort());
      expect(teams.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.currency))).toEqual(new Set([currency]));
      expect(rows.map((r) => r.status)).toEqual(expect.arrayContaining(['active', 'terminated']));
      // Something left for the demo people to do: terms to complete or a contract to sign.
      expect(rows.some((r) => r.status === 'drafted' || r.status === 'awaiting_signatures')).toBe(true);
      expect(rows.filter((r) => r.status === 'active').length).toBeGreaterThanOrEqual(2);
      const varied = rows.find((r) => r.currentVersion === 2)!;
      expect(varied.status).toBe('active');
      expect(versions.filter((v) => v.contractId === varied.id)).toHaveLength(2);
      expect(statements.filter((s) => s.status === 'active')).toHaveLength(1);
      expect(rows.every((r) => Number(r.value) > 0 && r.awardedOn <= '2026-11-27')).toBe(true);
      // Seeding is history: no email is queued for it.
      expect(jobs).toHaveLength(0);
    });
  }
});
