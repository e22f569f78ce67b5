import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { platformAuditEvents } from '@/db/schema/platform';
import { auditEvents } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import { recordAuditEvent, recordPlatformAuditEvent } from '@/modules/audit/record';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';
import { expectDatabaseError } from '../support/db-errors';

describe('audit trail is append-only in the database itself', () => {
  let tenant: { slug: string };

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('audit');
    await withTenant(tenant, (tx) => recordAuditEvent(tx, { type: 'test.created', objectType: 'thing', objectId: '1', data: { n: 1 } }));
    await recordPlatformAuditEvent(getDb(), { type: 'test.platform', objectType: 'thing', objectId: '1' });
  });

  it('records tenant events', async () => {
    const rows = await withTenant(tenant, (tx) => tx.select().from(auditEvents));
    expect(rows.map((r) => r.type)).toContain('test.created');
  });

  for (const statement of ['update audit_events set type = $$x$$', 'delete from audit_events', 'truncate audit_events']) {
    it(`a tenant's audit_events refuses: ${statement.split(' ')[0]}`, async () => {
      // The tenant role has no TRUNCATE right at all (db/tenant-roles.ts); the trigger refuses the rest.
      await expectDatabaseError(withTenant(tenant, (tx) => tx.execute(sql.raw(statement))), /append-only|permission denied/);
      const rows = await withTenant(tenant, (tx) => tx.select().from(auditEvents));
      expect(rows.find((r) => r.type === 'test.created')).toBeDefined();
    });
  }

  for (const statement of [
    'update platform.audit_events set type = $$x$$',
    'delete from platform.audit_events',
    'truncate platform.audit_events',
  ]) {
    it(`platform audit_events refuses: ${statement.split(' ')[0]}`, async () => {
      await expectDatabaseError(getDb().execute(sql.raw(statement)), /append-only/);
      const rows = await getDb().select().from(platformAuditEvents);
      expect(rows.find((r) => r.type === 'test.platform')).toBeDefined();
    });
  }
});
