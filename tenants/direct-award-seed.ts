import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { buyerOrganisations, directAwardProjects, frameworks, projectSnapshots, services, suppliers } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import { recordOutcome } from '@/modules/direct-award/service';

/** Demonstration call-offs (seed/direct-awards.json): ended direct-award projects with an awarded outcome. */
export const ZDirectAwardSeed = z
  .array(
    z.object({
      name: z.string().min(2).max(200),
      organisation: z.string().min(2),
      framework: z.string().min(2),
      supplier: z.string().min(2),
      lot: z.string().min(2),
      value: z.string().regex(/^\d+(\.\d{1,2})?$/),
      startDate: z.iso.date(),
      endDate: z.iso.date(),
    }),
  )
  .max(100);

/** Seeded by the system: no person recorded these outcomes. */
const SYSTEM_ACTOR = '00000000-0000-0000-0000-000000000000';

export async function seedDemoDirectAwards(db: Database, slug: string, dir: string, currency: string): Promise<number> {
  const file = path.join(dir, 'seed', 'direct-awards.json');
  if (!existsSync(file)) return 0;
  const rows = ZDirectAwardSeed.parse(JSON.parse(await readFile(file, 'utf8')));
  return withTenant(
    { slug },
    async (tx) => {
      let count = 0;
      for (const row of rows) {
        const [organisation] = await tx.select().from(buyerOrganisations).where(eq(buyerOrganisations.name, row.organisation)).limit(1);
        const [service] = await tx
          .select({ id: services.id, supplierId: services.supplierId, answers: services.answers })
          .from(services)
          .innerJoin(suppliers, eq(suppliers.id, services.supplierId))
          .innerJoin(frameworks, eq(frameworks.id, services.frameworkId))
          .where(and(eq(suppliers.legalName, row.supplier), eq(frameworks.slug, row.framework), eq(services.lot, row.lot), eq(services.status, 'published')))
          .limit(1);
        if (!organisation || !service) throw new Error(`direct-awards.json: no organisation ${row.organisation} or published ${row.lot} service of ${row.supplier} on ${row.framework}`);
        const [project] = await tx
          .insert(directAwardProjects)
          .values({ organisationId: organisation.id, createdBy: SYSTEM_ACTOR, name: row.name, searchQuery: `framework=${row.framework}&lot=${row.lot}`, searchEndedAt: new Date() })
          .returning();
        await tx.insert(projectSnapshots).values({ projectId: project!.id, serviceId: service.id, position: 0, supplierId: service.supplierId, supplierName: row.supplier, frameworkSlug: row.framework, lot: row.lot, answers: service.answers });
        // Through the service, so the outcome is audited and published as OCDS like a real one.
        await recordOutcome(tx, project!, { result: 'awarded', serviceId: service.id, value: row.value, startDate: row.startDate, endDate: row.endDate }, SYSTEM_ACTOR, { currency, awardedOn: row.startDate });
        count++;
      }
      return count;
    },
    db,
  );
}
