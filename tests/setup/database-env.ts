import { afterAll, inject } from 'vitest';
import { closeDb } from '@/db/client';

// The code under test reads DATABASE_URL lazily, so tests exercise the same getDb()/withTenant() as the app.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.DATABASE_POOL_SIZE ??= '4';
process.env.TENANT_CACHE_TTL_MS = '0';

afterAll(async () => {
  await closeDb();
});
