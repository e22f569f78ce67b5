import { isDeepStrictEqual } from 'node:util';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { frameworks, services, supplierFrameworks, suppliers } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import { storeDemoDocuments } from '@/modules/files/demo-documents';

/** The seed's documents have no uploader. */
const SEED_ACTOR = '00000000-0000-0000-0000-000000000000';
import { serviceTitleQuestionId, ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { deriveFrameworkStatus, ZFrameworkSchedule } from '@/modules/frameworks/lifecycle';
import { createFramework, findFrameworkBySlug, saveFrameworkDefinition, saveFrameworkSchedule } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES, isTemplateName } from '@/modules/frameworks/templates';

/** tenants/<slug>/frameworks/<framework>.json: a framework as config-as-code, optionally with demo services. */
export const ZFrameworkSeed = z
  .object({
    slug: z.string().regex(/^[a-z][a-z0-9-]{2,62}$/),
    name: z.record(z.string(), z.string().min(1)),
    template: z.string().optional(),
    definition: z.unknown().optional(),
    schedule: ZFrameworkSchedule,
    demo: z
      .object({
        services: z
          .array(
            z.object({
              supplier: z.string(),
              lot: z.string(),
              answers: z.record(z.string(), z.unknown()).default({}),
              declaration: z.record(z.string(), z.unknown()).default({}),
            }),
          )
          .default([]),
      })
      .optional(),
  })
  .refine((s) => Boolean(s.template) !== Boolean(s.definition), { message: 'Give either a template or a definition' });

export async function importFrameworkSeeds(
  db: Database,
  tenant: { slug: string; timezone: string; defaultLocale: string },
  dir: string,
  loadDemoData: boolean,
): Promise<{ frameworks: number; services: number }> {
  const folder = path.join(dir, 'frameworks');
  if (!existsSync(folder)) return { frameworks: 0, services: 0 };
  let serviceCount = 0;
  const files = (await readdir(folder)).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const seed = ZFrameworkSeed.parse(JSON.parse(await readFile(path.join(folder, file), 'utf8')));
    const rawDefinition = seed.template ? templateDefinition(seed.template) : seed.definition;
    const definition = ZFrameworkDefinition.parse(rawDefinition);
    serviceCount += await withTenant(
      tenant,
      async (tx) => {
        const existing = await findFrameworkBySlug(tx, seed.slug, tenant.timezone);
        if (existing) {
          // Deep comparison: jsonb does not keep object key order.
          if (!isDeepStrictEqual(existing.definition, definition)) await saveFrameworkDefinition(tx, seed.slug, definition, null);
          await saveFrameworkSchedule(tx, seed.slug, seed.schedule, null);
          await tx.update(frameworks).set({ name: seed.name }).where(eq(frameworks.slug, seed.slug));
          return 0;
        }
        const frameworkId = await createFramework(tx, {
          slug: seed.slug,
          name: seed.name,
          definition,
          schedule: seed.schedule,
          basedOn: seed.template ? `template:${seed.template}` : null,
        });
        if (!loadDemoData || !seed.demo) return 0;
        const status = deriveFrameworkStatus(seed.schedule, tenant.timezone, new Date());
        const serviceStatus = status === 'live' || status === 'expired' ? 'published' : 'complete';
        let added = 0;
        for (const demo of seed.demo.services) {
          const [supplier] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.legalName, demo.supplier)).limit(1);
          if (!supplier) throw new Error(`${file}: no demo supplier called ${demo.supplier}`);
          const declaration = completeDemoAnswers(definition, 'declaration', undefined, demo.declaration, tenant.defaultLocale);
          await tx
            .insert(supplierFrameworks)
            .values({
              supplierId: supplier.id,
              frameworkId,
              declaration,
              declarationStatus: 'complete',
              result: serviceStatus === 'published' ? 'pass' : null,
              agreementSignedAt: serviceStatus === 'published' ? new Date() : null,
              agreementCountersignedAt: serviceStatus === 'published' ? new Date() : null,
            })
            .onConflictDoNothing();
          const completed = completeDemoAnswers(definition, 'services', demo.lot, demo.answers, tenant.defaultLocale);
          const title = completed[serviceTitleQuestionId(definition) ?? ''];
          const heading = typeof title === 'string' ? title : demo.supplier;
          const answers = await storeDemoDocuments(tx, completed, { supplierId: supplier.id, actor: SEED_ACTOR }, heading);
          await tx.insert(services).values({ supplierId: supplier.id, frameworkId, lot: demo.lot, answers, status: serviceStatus });
          added++;
        }
        return added;
      },
      db,
    );
  }
  return { frameworks: files.length, services: serviceCount };
}

function templateDefinition(name: string): unknown {
  if (!isTemplateName(name)) throw new Error(`Unknown framework template ${name}`);
  return FRAMEWORK_TEMPLATES[name];
}

/** Writes each framework back as config-as-code, with its definition inline (templates may change later). */
export async function exportFrameworkSeeds(db: Database, tenant: { slug: string; timezone: string }, dir: string): Promise<void> {
  const rows = await withTenant(tenant, (tx) => tx.select().from(frameworks).orderBy(frameworks.slug), db);
  if (rows.length === 0) return;
  await mkdir(path.join(dir, 'frameworks'), { recursive: true });
  for (const row of rows) {
    const seed = { slug: row.slug, name: row.name, definition: row.definition, schedule: row.schedule };
    await writeFile(path.join(dir, 'frameworks', `${row.slug}.json`), `${JSON.stringify(seed, null, 2)}\n`);
  }
}
