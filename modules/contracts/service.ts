import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { users } from '@/db/schema/platform';
import { buyerMembers, buyerOrganisations, services, supplierMembers, suppliers } from '@/db/schema/tenant';
import { contracts, contractVersions, signatures, statementsOfWork } from '@/db/schema/tenant-contracts';
import type { TenantTx } from '@/db/with-tenant';
import type { NotifyContext } from '@/modules/notifications/links';
import { emitContractEvent } from '@/modules/ocds/call-off-events';
import { recordAuditEvent } from '@/modules/audit/record';
import { serviceTitle } from '@/modules/frameworks/definition-schema';
import { frameworkById } from '@/modules/frameworks/queries';
import { enqueueNotification } from '@/modules/notifications/queue';
import { diffTerms, flattenTerms, splitTerms, termFields, termsSchema, type TermField, type VersionTerms } from './terms';

/*
 * Call-off contracts after the award: the buyer completes the terms (drafted), sends them for signature
 * (awaiting_signatures), both sides sign the version they were shown (active). A variation is a new version
 * with a reason; the previous version stays in force until both sides sign the new one. Termination ends it.
 * Statements of work hang under an active contract and are signed the same way. Every change is audited and
 * guarded by the contract's `version` column (optimistic locking): a stale form gets a conflict message.
 */

export class ContractError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string> = {},
  ) {
    super(key);
  }
}

export type Contract = typeof contracts.$inferSelect;
export type ContractVersion = typeof contractVersions.$inferSelect;
export type StatementOfWork = typeof statementsOfWork.$inferSelect;
export type Signature = typeof signatures.$inferSelect;
export type Side = 'buyer' | 'supplier';
export const SIDES: readonly Side[] = ['buyer', 'supplier'];

/** Where links in emails point and which language they are written in. */
export type { NotifyContext } from '@/modules/notifications/links';

async function isBuyerMember(tx: TenantTx, organisationId: string, userId: string): Promise<boolean> {
  const rows = await tx.select({ u: buyerMembers.userId }).from(buyerMembers).where(and(eq(buyerMembers.organisationId, organisationId), eq(buyerMembers.userId, userId))).limit(1);
  return rows.length > 0;
}

async function isSupplierMember(tx: TenantTx, supplierId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .select({ u: supplierMembers.userId })
    .from(supplierMembers)
    .where(and(eq(supplierMembers.supplierId, supplierId), eq(supplierMembers.userId, userId), isNotNull(supplierMembers.acceptedAt)))
    .limit(1);
  return rows.length > 0;
}

export async function isMemberOfSide(tx: TenantTx, contract: Pick<Contract, 'organisationId' | 'supplierId'>, side: Side, userId: string): Promise<boolean> {
  return side === 'buyer' ? isBuyerMember(tx, contract.organisationId, userId) : isSupplierMember(tx, contract.supplierId, userId);
}

/** Contracts one person may see from one side: their organisation's (buyer) or their supplier's once sent (supplier). */
export async function listContractsFor(tx: TenantTx, side: Side, userId: string) {
  const mine =
    side === 'buyer'
      ? inArray(contracts.organisationId, tx.select({ id: buyerMembers.organisationId }).from(buyerMembers).where(eq(buyerMembers.userId, userId)))
      : inArray(
          contracts.supplierId,
          tx.select({ id: supplierMembers.supplierId }).from(supplierMembers).where(and(eq(supplierMembers.userId, userId), isNotNull(supplierMembers.acceptedAt))),
        );
  return tx
    .select({ contract: contracts, buyerName: buyerOrganisations.name, supplierName: suppliers.legalName })
    .from(contracts)
    .innerJoin(buyerOrganisations, eq(buyerOrganisations.id, contracts.organisationId))
    .innerJoin(suppliers, eq(suppliers.id, contracts.supplierId))
    .where(side === 'buyer' ? mine : and(mine, ne(contracts.status, 'drafted')))
    .orderBy(desc(contracts.awardedOn), desc(contracts.reference));
}

/** The call-off contract an award created (a direct-award outcome), for links from the project. */
export async function contractIdForOutcome(tx: TenantTx, outcomeId: string): Promise<string | null> {
  const [row] = await tx.select({ id: contracts.id }).from(contracts).where(eq(contracts.outcomeId, outcomeId)).limit(1);
  return row?.id ?? null;
}

/** The contract if this person is on that side of it; otherwise null (answer like a missing page). */
export async function findContractFor(tx: TenantTx, contractId: string, side: Side, userId: string): Promise<Contract | null> {
  const [row] = await tx.select().from(contracts).where(eq(contracts.id, contractId)).limit(1);
  // A draft is the buyer's work in progress: the supplier sees the contract once it is sent for signature.
  if (!row || (side === 'supplier' && row.status === 'drafted')) return null;
  return (await isMemberOfSide(tx, row, side, userId)) ? row : null;
}

export interface ContractDetail {
  contract: Contract;
  buyerName: string;
  supplierName: string;
  fields: TermField[];
  versions: ContractVersion[];
  /** The version people look at and sign: the pending one if any, else the one in force. */
  shown: ContractVersion;
  /** A version waiting for signatures (the first one, or a variation), else null. */
  pending: number | null;
  signatures: Signature[];
  statements: StatementOfWork[];
}

export function pendingVersion(contract: Pick<Contract, 'status' | 'currentVersion'>, latest: number): number | null {
  if (contract.status === 'awaiting_signatures') return latest;
  if (contract.status === 'active' && latest > contract.currentVersion) return latest;
  return null;
}

export async function loadContractDetail(tx: TenantTx, contract: Contract, timeZone: string): Promise<ContractDetail> {
  const versions = await tx.select().from(contractVersions).where(eq(contractVersions.contractId, contract.id)).orderBy(asc(contractVersions.version));
  const live = versions.filter((v) => !v.withdrawnAt);
  const latest = live[live.length - 1]!;
  const pending = pendingVersion(contract, latest.version);
  const shown = pending ? latest : contract.status === 'drafted' ? latest : versions.find((v) => v.version === contract.currentVersion)!;
  const [names] = await tx
    .select({ buyerName: buyerOrganisations.name, supplierName: suppliers.legalName })
    .from(buyerOrganisations)
    .innerJoin(suppliers, eq(suppliers.id, contract.supplierId))
    .where(eq(buyerOrganisations.id, contract.organisationId));
  const framework = await frameworkById(tx, contract.frameworkId, timeZone);
  const statements = await tx.select().from(statementsOfWork).where(eq(statementsOfWork.contractId, contract.id)).orderBy(asc(statementsOfWork.number));
  const docIds = [contract.id, ...statements.map((s) => s.id)];
  const sigs = await tx.select().from(signatures).where(inArray(signatures.documentId, docIds)).orderBy(asc(signatures.signedAt));
  return {
    contract,
    buyerName: names?.buyerName ?? '',
    supplierName: names?.supplierName ?? '',
    fields: termFields(framework?.definition),
    versions,
    shown,
    pending,
    signatures: sigs,
    statements,
  };
}

/** The version a variation changed: the one before it that was not withdrawn. */
export function previousVersion(versions: ContractVersion[], version: ContractVersion): ContractVersion | null {
  return [...versions].reverse().find((v) => v.version < version.version && !v.withdrawnAt) ?? null;
}

export function diffVersions(detail: Pick<ContractDetail, 'fields'>, before: VersionTerms, after: VersionTerms) {
  return diffTerms(detail.fields, before, after);
}

/** Locks the contract row and refuses a form made from an older state of it. */
async function lockContract(tx: TenantTx, contractId: string, expectedVersion?: number): Promise<Contract> {
  const [row] = await tx.select().from(contracts).where(eq(contracts.id, contractId)).for('update');
  if (!row) throw new ContractError('contracts.errors.notFound');
  if (expectedVersion !== undefined && row.version !== expectedVersion) throw new ContractError('contracts.errors.conflict');
  return row;
}

async function touchContract(tx: TenantTx, contractId: string, set: Partial<typeof contracts.$inferInsert> = {}): Promise<void> {
  await tx
    .update(contracts)
    .set({ ...set, version: sql`${contracts.version} + 1`, updatedAt: new Date() })
    .where(eq(contracts.id, contractId));
}

async function statementsTotal(tx: TenantTx, contractId: string): Promise<number> {
  const [row] = await tx.select({ total: sql<string>`coalesce(sum(${statementsOfWork.price}), 0)::text` }).from(statementsOfWork).where(eq(statementsOfWork.contractId, contractId));
  return Number(row?.total ?? 0);
}

export type TermValues = Record<string, string>;

/** Validates posted terms against the contract's fields; throws the zod error for the form to show. */
export function parseTerms(fields: TermField[], values: TermValues) {
  return termsSchema(fields).safeParse(Object.fromEntries(fields.map((f) => [f.id, values[f.id] ?? ''])));
}

export async function saveDraftTerms(tx: TenantTx, contractId: string, values: TermValues, lockVersion: number, actor: string): Promise<void> {
  const contract = await lockContract(tx, contractId, lockVersion);
  if (contract.status !== 'drafted') throw new ContractError('contracts.errors.notDraft');
  const version = splitTerms(values);
  await tx
    .update(contractVersions)
    .set({ terms: version.terms, value: version.value, startDate: version.startDate, endDate: version.endDate })
    .where(and(eq(contractVersions.contractId, contract.id), eq(contractVersions.version, 1)));
  await touchContract(tx, contract.id, { value: version.value, startDate: version.startDate, endDate: version.endDate });
  await recordAuditEvent(tx, { type: 'contract.terms_saved', actorUserId: actor, objectType: 'contract', objectId: contract.id, data: { value: version.value, startDate: version.startDate, endDate: version.endDate } });
}

export async function sendForSignature(tx: TenantTx, contractId: string, lockVersion: number, actor: string, fields: TermField[], notify: NotifyContext): Promise<void> {
  const contract = await lockContract(tx, contractId, lockVersion);
  if (contract.status !== 'drafted') throw new ContractError('contracts.errors.notDraft');
  const [version] = await tx.select().from(contractVersions).where(and(eq(contractVersions.contractId, contract.id), eq(contractVersions.version, 1)));
  if (!parseTerms(fields, flattenTerms(version!)).success) throw new ContractError('contracts.errors.termsIncomplete');
  await touchContract(tx, contract.id, { status: 'awaiting_signatures' });
  await recordAuditEvent(tx, { type: 'contract.sent_for_signature', actorUserId: actor, objectType: 'contract', objectId: contract.id, data: { documentVersion: 1 } });
  await notifyParties(tx, contract, 'contract_ready_to_sign', `contract:${contract.id}:v1:ready`, notify, { version: '1' });
}

export interface SignInput {
  side: Side;
  userId: string;
  name: string;
  role: string;
  /** The version the signer was shown. */
  documentVersion: number;
}

async function refuseUnlessSigner(tx: TenantTx, contract: Contract, input: SignInput, documentType: string, documentId: string): Promise<void> {
  if (!(await isMemberOfSide(tx, contract, input.side, input.userId))) throw new ContractError('contracts.errors.notASigner');
  const [already] = await tx
    .select({ id: signatures.id })
    .from(signatures)
    .where(and(eq(signatures.documentType, documentType), eq(signatures.documentId, documentId), eq(signatures.documentVersion, input.documentVersion), eq(signatures.side, input.side)))
    .limit(1);
  if (already) throw new ContractError('contracts.errors.alreadySigned');
}

async function sidesSigned(tx: TenantTx, documentType: string, documentId: string, documentVersion: number): Promise<Set<string>> {
  const rows = await tx
    .select({ side: signatures.side })
    .from(signatures)
    .where(and(eq(signatures.documentType, documentType), eq(signatures.documentId, documentId), eq(signatures.documentVersion, documentVersion)));
  return new Set(rows.map((r) => r.side));
}

/** One side signs the version waiting for signatures; when both have, that version comes into force. */
export async function signContract(tx: TenantTx, contractId: string, input: SignInput, notify: NotifyContext): Promise<{ inForce: boolean }> {
  const contract = await lockContract(tx, contractId);
  const [latest] = await tx
    .select()
    .from(contractVersions)
    .where(and(eq(contractVersions.contractId, contract.id), isNull(contractVersions.withdrawnAt)))
    .orderBy(desc(contractVersions.version))
    .limit(1);
  const pending = pendingVersion(contract, latest!.version);
  if (pending === null) throw new ContractError('contracts.errors.nothingToSign');
  if (input.documentVersion !== pending) throw new ContractError('contracts.errors.staleVersion');
  await refuseUnlessSigner(tx, contract, input, 'contract', contract.id);
  await tx.insert(signatures).values({
    documentType: 'contract',
    documentId: contract.id,
    documentVersion: pending,
    side: input.side,
    userId: input.userId,
    signerName: input.name,
    signerRole: input.role,
  });
  await recordAuditEvent(tx, { type: 'contract.signed', actorUserId: input.userId, objectType: 'contract', objectId: contract.id, data: { side: input.side, documentVersion: pending, name: input.name, role: input.role } });
  const signed = await sidesSigned(tx, 'contract', contract.id, pending);
  if (!SIDES.every((s) => signed.has(s))) {
    await touchContract(tx, contract.id);
    return { inForce: false };
  }
  await touchContract(tx, contract.id, { status: 'active', currentVersion: pending, value: latest!.value, startDate: latest!.startDate, endDate: latest!.endDate });
  await recordAuditEvent(tx, { type: pending === 1 ? 'contract.activated' : 'contract.variation_in_force', actorUserId: input.userId, objectType: 'contract', objectId: contract.id, data: { documentVersion: pending } });
  await emitContractEvent(tx, contract.id, 'in_force');
  await notifyParties(tx, contract, 'contract_signed', `contract:${contract.id}:v${pending}:signed`, notify, { version: String(pending) });
  return { inForce: true };
}

/** A variation: new terms as a new version with a reason; the current version stays in force until it is signed. */
export async function proposeVariation(
  tx: TenantTx,
  contractId: string,
  values: TermValues,
  reason: string,
  lockVersion: number,
  actor: string,
  fields: TermField[],
  notify: NotifyContext,
): Promise<number> {
  const contract = await lockContract(tx, contractId, lockVersion);
  if (contract.status !== 'active') throw new ContractError('contracts.errors.notActive');
  const versions = await tx.select().from(contractVersions).where(eq(contractVersions.contractId, contract.id)).orderBy(desc(contractVersions.version));
  if (versions.some((v) => v.version > contract.currentVersion && !v.withdrawnAt)) throw new ContractError('contracts.errors.variationPending');
  const inForce = versions.find((v) => v.version === contract.currentVersion)!;
  const next = splitTerms(values);
  if (diffTerms(fields, inForce, next).length === 0) throw new ContractError('contracts.errors.nothingChanged');
  const committed = await statementsTotal(tx, contract.id);
  if (Number(next.value) < committed) throw new ContractError('contracts.errors.belowStatements', { total: String(committed) });
  // Numbers are never reused: a withdrawn variation keeps its number in the history.
  const number = versions[0]!.version + 1;
  await tx.insert(contractVersions).values({ contractId: contract.id, version: number, terms: next.terms, value: next.value, startDate: next.startDate, endDate: next.endDate, variationReason: reason, createdBy: actor });
  await touchContract(tx, contract.id);
  await recordAuditEvent(tx, { type: 'contract.variation_proposed', actorUserId: actor, objectType: 'contract', objectId: contract.id, data: { documentVersion: number, reason, changed: diffTerms(fields, inForce, next).map((c) => c.id) } });
  await notifyParties(tx, contract, 'contract_ready_to_sign', `contract:${contract.id}:v${number}:ready`, notify, { version: String(number) });
  return number;
}

/** The buyer withdraws a variation not yet signed by both sides (e.g. the supplier will not agree); it stays in the history. */
export async function withdrawVariation(tx: TenantTx, contractId: string, documentVersion: number, lockVersion: number, actor: string): Promise<void> {
  const contract = await lockContract(tx, contractId, lockVersion);
  const [version] = await tx
    .select()
    .from(contractVersions)
    .where(and(eq(contractVersions.contractId, contract.id), eq(contractVersions.version, documentVersion)))
    .limit(1);
  if (contract.status !== 'active' || !version || version.version <= contract.currentVersion || version.withdrawnAt) {
    throw new ContractError('contracts.errors.nothingToWithdraw');
  }
  await tx.update(contractVersions).set({ withdrawnAt: new Date() }).where(eq(contractVersions.id, version.id));
  await touchContract(tx, contract.id);
  await recordAuditEvent(tx, { type: 'contract.variation_withdrawn', actorUserId: actor, objectType: 'contract', objectId: contract.id, data: { documentVersion } });
}

export async function terminateContract(tx: TenantTx, contractId: string, input: { reason: string; date: string }, lockVersion: number, actor: string): Promise<void> {
  const contract = await lockContract(tx, contractId, lockVersion);
  if (contract.status === 'terminated') throw new ContractError('contracts.errors.alreadyTerminated');
  if (contract.status === 'drafted') throw new ContractError('contracts.errors.notSent');
  await touchContract(tx, contract.id, { status: 'terminated', terminatedAt: new Date(`${input.date}T12:00:00Z`), terminationReason: input.reason });
  await recordAuditEvent(tx, { type: 'contract.terminated', actorUserId: actor, objectType: 'contract', objectId: contract.id, data: { ...input } });
  await emitContractEvent(tx, contract.id, 'terminated');
}

export interface Milestone {
  title: string;
  dueDate: string;
  acceptanceCriteria: string;
  price: string;
}

export interface NewStatementOfWork {
  title: string;
  scope: string;
  milestones: Milestone[];
}

/** The price of a statement of work is the sum of its milestones; all of them together stay within the contract value. */
export async function createStatementOfWork(tx: TenantTx, contractId: string, input: NewStatementOfWork, lockVersion: number, actor: string, notify: NotifyContext): Promise<string> {
  const contract = await lockContract(tx, contractId, lockVersion);
  if (contract.status !== 'active') throw new ContractError('contracts.errors.notActive');
  const price = input.milestones.reduce((sum, m) => sum + Math.round(Number(m.price) * 100), 0);
  const committed = Math.round((await statementsTotal(tx, contract.id)) * 100);
  const limit = Math.round(Number(contract.value) * 100);
  if (committed + price > limit) {
    throw new ContractError('statementsOfWork.errors.exceedsValue', { remaining: ((limit - committed) / 100).toFixed(2), value: contract.value });
  }
  const [{ next }] = (await tx.select({ next: sql<number>`coalesce(max(${statementsOfWork.number}), 0)::int + 1` }).from(statementsOfWork).where(eq(statementsOfWork.contractId, contract.id))) as [{ next: number }];
  const [row] = await tx
    .insert(statementsOfWork)
    .values({
      contractId: contract.id,
      number: next,
      title: input.title,
      scope: input.scope,
      milestones: input.milestones.map((m) => ({ ...m })),
      price: (price / 100).toFixed(2),
      status: 'awaiting_signatures',
      createdBy: actor,
    })
    .returning({ id: statementsOfWork.id });
  await touchContract(tx, contract.id);
  await recordAuditEvent(tx, { type: 'statement_of_work.created', actorUserId: actor, objectType: 'statement_of_work', objectId: row!.id, data: { contractId: contract.id, number: next, price: (price / 100).toFixed(2) } });
  await notifyParties(tx, contract, 'statement_ready_to_sign', `sow:${row!.id}:ready`, notify, { statement: `${next}. ${input.title}` }, `/statements/${row!.id}`);
  return row!.id;
}

export async function findStatement(tx: TenantTx, contractId: string, statementId: string): Promise<StatementOfWork | null> {
  const [row] = await tx.select().from(statementsOfWork).where(and(eq(statementsOfWork.id, statementId), eq(statementsOfWork.contractId, contractId))).limit(1);
  return row ?? null;
}

export async function signStatementOfWork(tx: TenantTx, contractId: string, statementId: string, input: SignInput, notify: NotifyContext): Promise<{ inForce: boolean }> {
  const contract = await lockContract(tx, contractId);
  const [sow] = await tx.select().from(statementsOfWork).where(and(eq(statementsOfWork.id, statementId), eq(statementsOfWork.contractId, contract.id))).for('update');
  if (!sow) throw new ContractError('contracts.errors.notFound');
  if (sow.status !== 'awaiting_signatures' || contract.status === 'terminated') throw new ContractError('contracts.errors.nothingToSign');
  if (input.documentVersion !== sow.version) throw new ContractError('contracts.errors.staleVersion');
  await refuseUnlessSigner(tx, contract, input, 'statement_of_work', sow.id);
  await tx.insert(signatures).values({ documentType: 'statement_of_work', documentId: sow.id, documentVersion: sow.version, side: input.side, userId: input.userId, signerName: input.name, signerRole: input.role });
  await recordAuditEvent(tx, { type: 'statement_of_work.signed', actorUserId: input.userId, objectType: 'statement_of_work', objectId: sow.id, data: { side: input.side, name: input.name, role: input.role } });
  const signed = await sidesSigned(tx, 'statement_of_work', sow.id, sow.version);
  if (!SIDES.every((s) => signed.has(s))) return { inForce: false };
  await tx.update(statementsOfWork).set({ status: 'active', updatedAt: new Date() }).where(eq(statementsOfWork.id, sow.id));
  await recordAuditEvent(tx, { type: 'statement_of_work.activated', actorUserId: input.userId, objectType: 'statement_of_work', objectId: sow.id, data: {} });
  await notifyParties(tx, contract, 'statement_signed', `sow:${sow.id}:signed`, notify, { statement: `${sow.number}. ${sow.title}` }, `/statements/${sow.id}`);
  return { inForce: true };
}

/** Everyone on both sides gets the email, with a link to their own view of the document. */
async function notifyParties(tx: TenantTx, contract: Contract, kind: string, dedupe: string, notify: NotifyContext, params: Record<string, string>, suffix = ''): Promise<void> {
  const buyers = await tx.select({ id: users.id, email: users.email }).from(buyerMembers).innerJoin(users, eq(users.id, buyerMembers.userId)).where(eq(buyerMembers.organisationId, contract.organisationId));
  const sellers = await tx
    .select({ id: users.id, email: users.email })
    .from(supplierMembers)
    .innerJoin(users, eq(users.id, supplierMembers.userId))
    .where(and(eq(supplierMembers.supplierId, contract.supplierId), isNotNull(supplierMembers.acceptedAt)));
  for (const [side, people] of [['buyer', buyers], ['supplier', sellers]] as const) {
    for (const person of people) {
      await enqueueNotification(tx, {
        kind,
        to: person.email,
        locale: notify.locale,
        params: { ...params, title: contract.title, reference: String(contract.reference), url: `${notify.baseUrl}/${notify.locale}/${side}/contracts/${contract.id}${suffix}` },
        dedupeKey: `${dedupe}:${person.id}`,
      });
    }
  }
}

/**
 * Starting values for a contract whose terms were never saved: the contacts (the person who awarded it, the
 * supplier's first member) and the service awarded, so the buyer checks rather than types them.
 */
export async function suggestedTerms(tx: TenantTx, contract: Contract, timeZone: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const person = async (id: string | undefined) => (id ? (await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, id)).limit(1))[0] : undefined);
  const buyer = await person(contract.createdBy);
  if (buyer) out.buyerContact = buyer.name ? `${buyer.name}, ${buyer.email}` : buyer.email;
  const [member] = await tx
    .select({ userId: supplierMembers.userId })
    .from(supplierMembers)
    .where(and(eq(supplierMembers.supplierId, contract.supplierId), isNotNull(supplierMembers.acceptedAt)))
    .orderBy(asc(supplierMembers.createdAt))
    .limit(1);
  const seller = await person(member?.userId);
  if (seller) out.supplierContact = seller.name ? `${seller.name}, ${seller.email}` : seller.email;
  if (contract.serviceId) {
    const [service] = await tx.select({ answers: services.answers }).from(services).where(eq(services.id, contract.serviceId)).limit(1);
    const framework = await frameworkById(tx, contract.frameworkId, timeZone);
    const title = service && framework ? serviceTitle(framework.definition, service.answers) : null;
    if (title) out.serviceReference = title;
  }
  return out;
}
