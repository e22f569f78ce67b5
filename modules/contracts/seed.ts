import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { users } from '@/db/schema/platform';
import { buyerMembers, buyerOrganisations, frameworks, services, supplierMembers, suppliers } from '@/db/schema/tenant';
import { contracts } from '@/db/schema/tenant-contracts';
import { notificationJobs } from '@/db/schema/tenant-notifications';
import { withTenant, type TenantTx } from '@/db/with-tenant';
import { frameworkById } from '@/modules/frameworks/queries';
import { createCallOffContract } from './create';
import {
  createStatementOfWork,
  parseTerms,
  proposeVariation,
  saveDraftTerms,
  sendForSignature,
  signContract,
  signStatementOfWork,
  terminateContract,
  type NotifyContext,
} from './service';
import { termFields } from './terms';

/*
 * Demo call-off contracts (tenants/<slug>/seed/contracts.json), loaded into a new tenant only. Each goes
 * through the real steps (createCallOffContract, terms, signatures, variation, statements, termination), so
 * the demo shows every state and spend figures exist. Signatories not already in the seed are added as
 * members of their organisation; the emails these steps queue are dropped (history, not news).
 */

const ZSigner = z.object({ email: z.email(), name: z.string().min(2), role: z.string().min(2) });
const ZContractSeed = z.object({
  title: z.string().min(3),
  buyer: z.string(),
  supplier: z.string(),
  framework: z.string(),
  lot: z.string(),
  value: z.string(),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  awardedOn: z.iso.date(),
  terms: z.record(z.string(), z.string()),
  buyerSigner: ZSigner,
  supplierSigner: ZSigner,
  state: z.enum(['drafted', 'awaiting_signatures', 'active', 'terminated']),
  /** awaiting_signatures: the sides that have already signed. */
  signedBy: z.array(z.enum(['buyer', 'supplier'])).default([]),
  variation: z.object({ reason: z.string().min(5), terms: z.record(z.string(), z.string()), signed: z.boolean() }).optional(),
  statements: z
    .array(
      z.object({
        title: z.string(),
        scope: z.string(),
        milestones: z.array(z.object({ title: z.string(), dueDate: z.iso.date(), acceptanceCriteria: z.string(), price: z.string() })).min(1),
        signed: z.boolean(),
      }),
    )
    .default([]),
  termination: z.object({ reason: z.string().min(5), date: z.iso.date() }).optional(),
});
export const ZContractSeeds = z.array(ZContractSeed);
type ContractSeed = z.infer<typeof ZContractSeed>;

async function userFor(tx: TenantTx, signer: z.infer<typeof ZSigner>): Promise<string> {
  const email = signer.email.toLowerCase();
  await tx.insert(users).values({ email, name: signer.name }).onConflictDoNothing({ target: users.email });
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return row!.id;
}

async function lockOf(tx: TenantTx, id: string): Promise<number> {
  const [row] = await tx.select({ version: contracts.version }).from(contracts).where(eq(contracts.id, id));
  return row!.version;
}

async function seedOne(tx: TenantTx, seed: ContractSeed, timezone: string, currency: string, notify: NotifyContext): Promise<void> {
  const [org] = await tx.select().from(buyerOrganisations).where(eq(buyerOrganisations.name, seed.buyer)).limit(1);
  const [supplier] = await tx.select().from(suppliers).where(eq(suppliers.legalName, seed.supplier)).limit(1);
  const [framework] = await tx.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.slug, seed.framework)).limit(1);
  if (!org || !supplier || !framework) throw new Error(`contract seed "${seed.title}": unknown buyer, supplier or framework`);
  const buyerId = await userFor(tx, seed.buyerSigner);
  const sellerId = await userFor(tx, seed.supplierSigner);
  await tx.insert(buyerMembers).values({ organisationId: org.id, userId: buyerId }).onConflictDoNothing();
  await tx.insert(supplierMembers).values({ supplierId: supplier.id, userId: sellerId, role: 'member' }).onConflictDoNothing();
  const [service] = await tx
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.supplierId, supplier.id), eq(services.frameworkId, framework.id), eq(services.lot, seed.lot)))
    .limit(1);
  const fields = termFields((await frameworkById(tx, framework.id, timezone))?.definition);
  const { id } = await createCallOffContract(tx, {
    route: 'direct_award',
    frameworkId: framework.id,
    lot: seed.lot,
    organisationId: org.id,
    supplierId: supplier.id,
    serviceId: service?.id ?? null,
    title: seed.title,
    value: seed.value,
    currency,
    startDate: seed.startDate,
    endDate: seed.endDate,
    awardedOn: seed.awardedOn,
    createdBy: buyerId,
  });
  const terms = parseTerms(fields, { ...seed.terms, value: seed.value, startDate: seed.startDate, endDate: seed.endDate });
  if (!terms.success) throw new Error(`contract seed "${seed.title}": ${terms.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join(', ')}`);
  await saveDraftTerms(tx, id, terms.data, await lockOf(tx, id), buyerId);
  if (seed.state === 'drafted') return;
  await sendForSignature(tx, id, await lockOf(tx, id), buyerId, fields, notify);
  const sign = (side: 'buyer' | 'supplier', documentVersion: number) => {
    const signer = side === 'buyer' ? seed.buyerSigner : seed.supplierSigner;
    return signContract(tx, id, { side, userId: side === 'buyer' ? buyerId : sellerId, name: signer.name, role: signer.role, documentVersion }, notify);
  };
  const signing = seed.state === 'awaiting_signatures' ? seed.signedBy : (['buyer', 'supplier'] as const);
  for (const side of signing) await sign(side, 1);
  if (seed.state === 'awaiting_signatures') return;
  for (const statement of seed.statements) {
    const sowId = await createStatementOfWork(tx, id, statement, await lockOf(tx, id), buyerId, notify);
    if (!statement.signed) continue;
    await signStatementOfWork(tx, id, sowId, { side: 'buyer', userId: buyerId, name: seed.buyerSigner.name, role: seed.buyerSigner.role, documentVersion: 1 }, notify);
    await signStatementOfWork(tx, id, sowId, { side: 'supplier', userId: sellerId, name: seed.supplierSigner.name, role: seed.supplierSigner.role, documentVersion: 1 }, notify);
  }
  if (seed.variation) {
    const varied = parseTerms(fields, { ...seed.terms, value: seed.value, startDate: seed.startDate, endDate: seed.endDate, ...seed.variation.terms });
    if (!varied.success) throw new Error(`contract seed "${seed.title}": variation ${varied.error.issues.map((i) => String(i.path[0])).join(', ')}`);
    const number = await proposeVariation(tx, id, varied.data, seed.variation.reason, await lockOf(tx, id), buyerId, fields, notify);
    await sign('buyer', number);
    if (seed.variation.signed) await sign('supplier', number);
  }
  if (seed.termination) await terminateContract(tx, id, seed.termination, await lockOf(tx, id), buyerId);
}

export async function seedDemoContracts(db: Database, tenant: { slug: string; timezone: string; currency: string; defaultLocale: string }, dir: string): Promise<number> {
  const file = path.join(dir, 'seed', 'contracts.json');
  if (!existsSync(file)) return 0;
  const seeds = ZContractSeeds.parse(JSON.parse(await readFile(file, 'utf8')));
  const notify = { baseUrl: '', locale: tenant.defaultLocale };
  return withTenant(
    tenant,
    async (tx) => {
      for (const seed of seeds) await seedOne(tx, seed, tenant.timezone, tenant.currency, notify);
      await tx.delete(notificationJobs);
      return seeds.length;
    },
    db,
  );
}
