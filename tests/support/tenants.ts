import { randomBytes } from 'node:crypto';
import { getDb, getSql } from '@/db/client';
import { migratePlatform, migrateTenant } from '@/db/migrator';
import { tenants } from '@/db/schema/platform';
import { ZTenantConfig, type TTenantConfigInput } from '@/tenants/config-schema';

export function uniqueSlug(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex').replace(/^[0-9]/, 'x')}`;
}

export async function ensurePlatformSchema(): Promise<void> {
  await migratePlatform(getSql());
}

export function testTenantConfig(slug: string, overrides: Partial<TTenantConfigInput> = {}): TTenantConfigInput {
  return {
    slug,
    name: { en: `Test marketplace ${slug}` },
    authorityType: 'local',
    country: 'GB',
    timezone: 'Europe/London',
    currency: 'GBP',
    defaultLocale: 'en',
    locales: [{ code: 'en', format: 'en-GB' }],
    branding: { primary: '#1d4f91', secondary: '#1d4f91' },
    ...overrides,
  };
}

/** A real tenant: platform row plus a migrated t_<slug> schema. */
export async function createTestTenant(prefix: string, overrides: Partial<TTenantConfigInput> = {}): Promise<{ id: string; slug: string }> {
  const slug = uniqueSlug(prefix);
  const config = ZTenantConfig.parse(testTenantConfig(slug, overrides));
  const [row] = await getDb().insert(tenants).values({ slug, config }).returning({ id: tenants.id });
  await migrateTenant(getSql(), slug);
  return { id: row!.id, slug };
}
