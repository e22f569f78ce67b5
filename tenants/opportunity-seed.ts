import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { users } from '@/db/schema/platform';
import { buyerOrganisations, supplierMembers, suppliers } from '@/db/schema/tenant';
import { opportunities, opportunityResponses } from '@/db/schema/tenant-opportunities';
import { withTenant, type TenantTx } from '@/db/with-tenant';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import { storeDemoDocuments } from '@/modules/files/demo-documents';
import { getTranslator } from '@/modules/i18n/server';
import { requirementsByEvidence } from '@/modules/opportunities/evidence';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import {
  answerQuestion,
  askQuestion,
  chooseWinner,
  completeAward,
  createOpportunity,
  endOpportunity,
  evaluateResponse,
  publishOpportunity,
  responsePricingQuestion,
  saveOpportunitySection,
  saveResponse,
} from '@/modules/opportunities/service';
import type { TTenantConfig } from './config-schema';

/*
 * tenants/<slug>/seed/opportunities.json: demonstration opportunities, played through the real domain
 * functions with past timestamps (published N days ago, questions, responses, scores, award), so the demo
 * shows every state and every rule the product enforces.
 */
const ZOpportunitySeed = z.array(
  z.object({
    framework: z.string(),
    lot: z.string(),
    organisation: z.string(),
    buyer: z.email(),
    title: z.string().min(5),
    answers: z.record(z.string(), z.unknown()).default({}),
    /** Absent: stays a draft. */
    publishedDaysAgo: z.number().int().min(0).optional(),
    lengthDays: z.number().int().default(14),
    questions: z.array(z.object({ supplier: z.string(), question: z.string(), answer: z.string().optional() })).default([]),
    responses: z
      .array(z.object({ supplier: z.string(), price: z.string(), answers: z.record(z.string(), z.unknown()).default({}), scores: z.tuple([z.number(), z.number(), z.number()]).optional(), shortlisted: z.boolean().default(false) }))
      .default([]),
    outcome: z
      .union([
        z.object({ award: z.string(), value: z.string(), startDate: z.iso.date(), endDate: z.iso.date() }),
        z.object({ cancelled: z.string() }),
        z.object({ unsuccessful: z.string() }),
      ])
      .optional(),
  }),
);

const DAY = 86_400_000;
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** A plausible address at the supplier's own (reserved .example) domain. */
function demoEmail(supplier: string): string {
  const domain = supplier.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `tenders@${domain}.example`;
}

export async function seedDemoOpportunities(db: Database, config: TTenantConfig, dir: string): Promise<number> {
  const file = path.join(dir, 'seed', 'opportunities.json');
  if (!existsSync(file)) return 0;
  const seeds = ZOpportunitySeed.parse(JSON.parse(await readFile(file, 'utf8')));
  const tz = config.timezone;
  return withTenant(
    { slug: config.slug },
    async (tx) => {
      for (const seed of seeds) await playSeed(tx, config, seed);
      return seeds.length;
    },
    db,
  );

  async function playSeed(tx: TenantTx, c: TTenantConfig, seed: z.infer<typeof ZOpportunitySeed>[number]): Promise<void> {
    const framework = await findFrameworkBySlug(tx, seed.framework, tz);
    if (!framework) throw new Error(`${file}: no framework ${seed.framework}`);
    const [organisation] = await tx.select().from(buyerOrganisations).where(eq(buyerOrganisations.name, seed.organisation)).limit(1);
    if (!organisation) throw new Error(`${file}: unknown organisation for "${seed.title}"`);
    // The demo buyer may not exist (a copied tenant folder renames its people): the record then names nobody.
    const buyer = (await tx.select({ id: users.id }).from(users).where(eq(users.email, seed.buyer)).limit(1))[0] ?? { id: NOBODY };
    const supplierId = async (name: string) => {
      const [row] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.legalName, name)).limit(1);
      if (!row) throw new Error(`${file}: no supplier ${name}`);
      return row.id;
    };
    // Who acted for the supplier: its first member, or nobody in particular for suppliers without demo people.
    const supplierActor = async (id: string) =>
      (await tx.select({ userId: supplierMembers.userId }).from(supplierMembers).where(eq(supplierMembers.supplierId, id)).limit(1))[0]?.userId ?? NOBODY;
    const id = await createOpportunity(tx, { framework, lot: seed.lot, organisationId: organisation.id, title: seed.title, actor: buyer.id });
    const translate = getTranslator(c.defaultLocale);
    const answers = completeDemoAnswers(framework.definition, 'opportunity', seed.lot, { title: seed.title, organisation: seed.organisation, ...seed.answers }, c.defaultLocale);
    for (const section of framework.definition.questionSets.opportunity) {
      const [row] = await tx.select({ version: opportunities.version }).from(opportunities).where(eq(opportunities.id, id));
      await saveOpportunitySection(tx, { id, framework, section: section.slug, answers, expectedVersion: row!.version, actor: buyer.id });
    }
    if (seed.publishedDaysAgo === undefined) return;
    const publishedAt = new Date(Date.now() - seed.publishedDaysAgo * DAY);
    const [row] = await tx.select({ version: opportunities.version }).from(opportunities).where(eq(opportunities.id, id));
    const published = await publishOpportunity(tx, { id, framework, lengthDays: seed.lengthDays, rules: c.opportunityRules, timeZone: tz, expectedVersion: row!.version, actor: buyer.id, now: publishedAt });
    if (published.errors.length > 0) throw new Error(`${file}: "${seed.title}" is incomplete: ${JSON.stringify(published.errors)}`);
    const during = new Date(publishedAt.getTime() + DAY / 2);
    for (const q of seed.questions) {
      const sid = await supplierId(q.supplier);
      const questionId = await askQuestion(tx, { id, supplierId: sid, question: q.question, actor: await supplierActor(sid), now: during });
      if (q.answer) await answerQuestion(tx, { id, questionId, answer: q.answer, actor: buyer.id, now: new Date(during.getTime() + DAY / 4) });
    }
    for (const r of seed.responses) {
      const pricing = responsePricingQuestion(framework.definition, seed.lot);
      const rate = pricing?.type === 'pricing' ? { [pricing.id]: { min: r.price, unit: pricing.units[0], ...(pricing.intervals[0] ? { interval: pricing.intervals[0] } : {}) } } : {};
      // Evidence requirement by requirement, as a supplier would write it.
      const evidence = Object.fromEntries(
        Object.entries(requirementsByEvidence(framework.definition, seed.lot, answers)).map(([question, requirements]) => [
          question,
          requirements.map((requirement) => translate('opportunities.demoEvidence', { requirement, supplier: r.supplier })),
        ]),
      );
      const responseAnswers = completeDemoAnswers(framework.definition, 'response', seed.lot, { respondToEmail: demoEmail(r.supplier), ...evidence, ...rate, ...r.answers }, c.defaultLocale);
      const sid = await supplierId(r.supplier);
      const actor = await supplierActor(sid);
      const withDocuments = await storeDemoDocuments(tx, responseAnswers, { supplierId: sid, actor }, seed.title);
      const saved = await saveResponse(tx, { id, framework, supplierId: sid, answers: withDocuments, price: r.price, submit: true, actor, now: new Date(during.getTime() + DAY) });
      if (saved.errors.length > 0 || saved.priceError) throw new Error(`${file}: response of ${r.supplier} refused: ${JSON.stringify(saved)}`);
    }
    const closesAt = published.closesAt!;
    if (closesAt.getTime() > Date.now()) return;
    const afterClose = new Date(Math.min(Date.now(), closesAt.getTime() + 2 * DAY));
    const responseRows = await tx.select().from(opportunityResponses).where(eq(opportunityResponses.opportunityId, id));
    for (const r of seed.responses) {
      if (!r.scores) continue;
      const sid = await supplierId(r.supplier);
      const response = responseRows.find((x) => x.supplierId === sid)!;
      const [technical, cultural, price] = r.scores;
      await evaluateResponse(tx, { id, responseId: response.id, technical, cultural, price, shortlisted: r.shortlisted, notes: null, actor: buyer.id, now: afterClose });
    }
    if (!seed.outcome) return;
    if ('award' in seed.outcome) {
      const sid = await supplierId(seed.outcome.award);
      await chooseWinner(tx, { id, responseId: responseRows.find((x) => x.supplierId === sid)!.id, actor: buyer.id, now: afterClose });
      const { value, startDate, endDate } = seed.outcome;
      await completeAward(tx, { id, value, startDate, endDate, currency: c.currency, timeZone: tz, actor: buyer.id, now: afterClose });
    } else if ('cancelled' in seed.outcome) {
      await endOpportunity(tx, { id, outcome: 'cancelled', reason: seed.outcome.cancelled, actor: buyer.id, now: afterClose });
    } else {
      await endOpportunity(tx, { id, outcome: 'unsuccessful', reason: seed.outcome.unsuccessful, actor: buyer.id, now: afterClose });
    }
  }
}
