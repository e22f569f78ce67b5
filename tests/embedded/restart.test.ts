import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, getSql } from '@/db/client';
import { runMigrations } from '@/db/cli/migrate';
import { startEmbeddedDatabase } from '@/db/embedded';
import { tenants } from '@/db/schema/platform';
import { suppliers } from '@/db/schema/tenant';
import { seedDemoTenants } from '@/db/seed';
import { loadMigrations } from '@/db/migrator';
import { withTenant } from '@/db/with-tenant';

/** The `npm start` data path without Next: first start seeds, second start reuses ./.data as it was. */
describe('embedded database across restarts', () => {
  let dataDir = '';
  afterAll(async () => {
    if (dataDir) await rm(path.dirname(dataDir), { recursive: true, force: true });
  });

  async function start(): Promise<{ stop: () => Promise<void>; log: string[] }> {
    const db = await startEmbeddedDatabase({ dataDir });
    process.env.DATABASE_URL = db.url;
    const log: string[] = [];
    expect(await runMigrations((line) => log.push(line))).toBe(true);
    await seedDemoTenants(getDb(), getSql(), (line) => log.push(line));
    return {
      log,
      stop: async () => {
        await closeDb();
        await db.stop();
      },
    };
  }

  it('seeds on first start, then keeps data and does not re-seed', async () => {
    dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'mp-restart-')), 'pglite');
    const first = await start();
    const platformTags = (await loadMigrations('platform')).map((m) => m.tag);
    expect(first.log).toContain(`platform: applied ${platformTags.join(', ')} (v${platformTags.length})`);
    expect(first.log.filter((l) => /created, schema v\d+/.test(l))).toHaveLength(3);
    const seeded = await withTenant({ slug: 'uk' }, (tx) => tx.select().from(suppliers));
    expect(seeded).toHaveLength(8);
    await withTenant({ slug: 'uk' }, (tx) =>
      tx.insert(suppliers).values({
        legalName: 'Added After First Start Ltd',
        registrationScheme: 'GB-COH',
        registrationNumber: '99999999',
        organisationSize: 'micro',
      }),
    );
    await first.stop();

    const second = await start();
    expect(second.log).toContain(`platform: up to date (v${platformTags.length})`);
    expect(second.log.filter((l) => l.includes('already present, not re-seeded'))).toHaveLength(3);
    expect(second.log.some((l) => /\[\d\/3\] t_uk: up to date/.test(l))).toBe(true);
    const kept = await withTenant({ slug: 'uk' }, (tx) => tx.select().from(suppliers));
    expect(kept).toHaveLength(9);
    expect(kept.map((s) => s.legalName)).toContain('Added After First Start Ltd');
    expect(await getDb().select().from(tenants)).toHaveLength(3);
    await second.stop();
  });
});
