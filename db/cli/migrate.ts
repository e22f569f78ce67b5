import { getSql } from '../client';
import { migrateAllTenants, migratePlatform } from '../migrator';
import { withCliDatabase } from './connect';

/** Platform first, then every tenant schema, one progress line per tenant. */
export async function runMigrations(log: (line: string) => void = console.log): Promise<boolean> {
  const sql = getSql();
  const platform = await migratePlatform(sql);
  log(`platform: ${platform.applied.length ? `applied ${platform.applied.join(', ')}` : 'up to date'} (v${platform.version})`);
  const results = await migrateAllTenants(sql, {
    concurrency: Number(process.env.MIGRATION_CONCURRENCY ?? 4),
    onProgress: (p) => {
      const what = p.error
        ? `FAILED: ${p.error.message}`
        : `${p.result!.applied.length ? `applied ${p.result!.applied.length}` : 'up to date'} (v${p.result!.version})`;
      log(`[${p.index}/${p.total}] t_${p.slug.replaceAll('-', '_')}: ${what} in ${Math.round(p.ms)} ms`);
    },
  });
  const failed = results.filter((r) => r.error);
  if (failed.length) log(`${failed.length} tenant(s) failed; run again to resume them.`);
  return failed.length === 0;
}

// npm run db:migrate
if (process.argv[1]?.endsWith('db/cli/migrate.ts')) {
  withCliDatabase(runMigrations)
    .then((ok) => process.exit(ok ? 0 : 1))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
