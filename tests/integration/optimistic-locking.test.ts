import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, frameworkDefinitionVersions, frameworks } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework, saveFrameworkDefinition } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { VersionConflictError } from '@/modules/security/optimistic';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const schedule = { applicationsOpen: '2030-01-06', clarificationsClose: '2030-01-17', applicationsClose: '2030-01-31', intentionToAward: '2030-02-24', live: '2030-03-10', expires: '2034-03-10', deadlineTime: '17:00' };

describe('optimistic locking of framework definitions', () => {
  let tenant: { slug: string };
  const definition = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.catalogue);

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('locking');
    await withTenant(tenant, (tx) => createFramework(tx, { slug: 'contested', name: { en: 'Contested' }, definition, schedule }));
  });

  it('50 concurrent edits from version 1: exactly one wins, 49 get a conflict, nothing half-saved', async () => {
    const edits = Array.from({ length: 50 }, (_, i) =>
      withTenant(tenant, (tx) =>
        saveFrameworkDefinition(
          tx,
          'contested',
          { ...definition, lots: definition.lots.map((lot, j) => (j === 0 ? { ...lot, name: { ...lot.name, en: `Edit ${i}` } } : lot)) },
          null,
          1,
        ),
      ),
    );
    const results = await Promise.allSettled(edits);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) expect(r.reason).toBeInstanceOf(VersionConflictError);
    const winner = (won[0] as PromiseFulfilledResult<number>).value;
    expect(winner).toBe(2);
    await withTenant(tenant, async (tx) => {
      const [row] = await tx.select().from(frameworks).where(eq(frameworks.slug, 'contested'));
      expect(row!.definitionVersion).toBe(2);
      const versions = await tx.select().from(frameworkDefinitionVersions).where(eq(frameworkDefinitionVersions.frameworkId, row!.id));
      expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
      const saved = await tx.select().from(auditEvents).where(and(eq(auditEvents.type, 'framework.definition_saved'), eq(auditEvents.objectId, 'contested')));
      expect(saved).toHaveLength(1);
      // The stored definition is the winner's, whole.
      expect(versions.find((v) => v.version === 2)!.definition).toEqual(row!.definition);
    });
  });

  it('an edit from the current version goes through; a stale one is refused', async () => {
    const next = await withTenant(tenant, (tx) => saveFrameworkDefinition(tx, 'contested', definition, null, 2));
    expect(next).toBe(3);
    await expect(withTenant(tenant, (tx) => saveFrameworkDefinition(tx, 'contested', definition, null, 2))).rejects.toBeInstanceOf(VersionConflictError);
  });
});
