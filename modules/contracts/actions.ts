'use server';

import { notifyContextFor } from '@/modules/notifications/links';
import { notFound, redirect } from 'next/navigation';
import { z, type ZodError } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { frameworkById } from '@/modules/frameworks/queries';
import { kickNotifications } from '@/modules/notifications/queue';
import { formValues, requireSignedInAction, type SignedInActionContext } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import {
  ContractError,
  createStatementOfWork,
  findContractFor,
  parseTerms,
  proposeVariation,
  saveDraftTerms,
  sendForSignature,
  signContract,
  signStatementOfWork,
  terminateContract,
  withdrawVariation,
  type Contract,
  type Milestone,
  type Side,
} from './service';
import { MILESTONE_SLOTS, termFields } from './terms';

/** Every message is one of ours (contracts.*, statementsOfWork.*); anything else is the generic one. */
function translated(error: ZodError, t: SignedInActionContext['t'], fieldFor: (path: PropertyKey[]) => string = (p) => String(p[0])): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = fieldFor(issue.path);
    if (out[field]) continue;
    const ours = issue.message.startsWith('contracts.') || issue.message.startsWith('statementsOfWork.');
    out[field] = ours ? t(issue.message) : t('contracts.errors.invalid');
  }
  return out;
}

function problemText(ctx: SignedInActionContext, error: unknown): string {
  if (error instanceof ContractError) return ctx.t(error.key, error.params);
  throw error;
}

const ZRef = z.object({ contract: z.uuid(), lock: z.coerce.number().int().min(1) });

/** The contract as seen from one side (a person on the other side, or nobody, gets a 404). */
async function contractForAction(ctx: SignedInActionContext, contractId: string, side: Side): Promise<{ contract: Contract; fields: ReturnType<typeof termFields> }> {
  const found = await withTenant(ctx.tenant, async (tx) => {
    const contract = await findContractFor(tx, contractId, side, ctx.user.id);
    if (!contract) return null;
    const framework = await frameworkById(tx, contract.frameworkId, ctx.tenant.config.timezone);
    return { contract, fields: termFields(framework?.definition) };
  });
  if (!found) notFound();
  return found;
}

function postedTerms(form: FormData, fields: { id: string }[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.id, String(form.get(f.id) ?? '')]));
}

export async function saveTermsAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const values = formValues(form);
  const ref = ZRef.safeParse({ contract: form.get('contract'), lock: form.get('lock') });
  if (!ref.success) notFound();
  const { contract, fields } = await contractForAction(ctx, ref.data.contract, 'buyer');
  const variation = form.get('mode') === 'variation';
  const parsed = parseTerms(fields, postedTerms(form, fields));
  const errors = parsed.success ? {} : translated(parsed.error, ctx.t);
  const reason = String(form.get('reason') ?? '').trim();
  if (variation && (reason.length < 5 || reason.length > 2000)) errors.reason = ctx.t('contracts.errors.reasonRequired');
  if (!parsed.success || Object.keys(errors).length) return { values, errors };
  try {
    const lock = ref.data.lock;
    await withTenant(ctx.tenant, async (tx) => {
      if (variation) await proposeVariation(tx, contract.id, parsed.data, reason, lock, ctx.user.id, fields, notifyContextFor(ctx));
      else await saveDraftTerms(tx, contract.id, parsed.data, lock, ctx.user.id);
    });
  } catch (error) {
    return { values, errors: { [variation ? 'reason' : fields[0]!.id]: problemText(ctx, error) } };
  }
  if (variation) kickNotifications(ctx.tenant);
  redirect(ctx.href(`/buyer/contracts/${contract.id}?done=${variation ? 'variation' : 'saved'}`));
}

export async function sendForSignatureAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const ref = ZRef.safeParse({ contract: form.get('contract'), lock: form.get('lock') });
  if (!ref.success) notFound();
  const { contract, fields } = await contractForAction(ctx, ref.data.contract, 'buyer');
  try {
    await withTenant(ctx.tenant, (tx) => sendForSignature(tx, contract.id, ref.data.lock, ctx.user.id, fields, notifyContextFor(ctx)));
  } catch (error) {
    return { errors: { send: problemText(ctx, error) } };
  }
  kickNotifications(ctx.tenant);
  redirect(ctx.href(`/buyer/contracts/${contract.id}?done=sent`));
}

const ZSigner = z.object({
  name: z.string().trim().min(2, { message: 'contracts.errors.signerName' }).max(120, { message: 'contracts.errors.tooLong' }),
  role: z.string().trim().min(2, { message: 'contracts.errors.signerRole' }).max(120, { message: 'contracts.errors.tooLong' }),
  side: z.enum(['buyer', 'supplier']),
  documentVersion: z.coerce.number().int().min(1),
  contract: z.uuid(),
  statement: z.uuid().optional(),
});

export async function signAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const values = formValues(form);
  const parsed = ZSigner.safeParse({
    name: form.get('name') ?? '',
    role: form.get('role') ?? '',
    side: form.get('side'),
    documentVersion: form.get('documentVersion'),
    contract: form.get('contract'),
    statement: form.get('statement') || undefined,
  });
  if (!parsed.success) return { values, errors: translated(parsed.error, ctx.t) };
  const { side, contract: contractId, statement } = parsed.data;
  const { contract } = await contractForAction(ctx, contractId, side);
  const input = { side, userId: ctx.user.id, name: parsed.data.name, role: parsed.data.role, documentVersion: parsed.data.documentVersion };
  try {
    await withTenant(ctx.tenant, (tx) =>
      statement ? signStatementOfWork(tx, contract.id, statement, input, notifyContextFor(ctx)) : signContract(tx, contract.id, input, notifyContextFor(ctx)),
    );
  } catch (error) {
    return { values, errors: { name: problemText(ctx, error) } };
  }
  kickNotifications(ctx.tenant);
  redirect(ctx.href(`/${side}/contracts/${contract.id}${statement ? `/statements/${statement}` : ''}?done=signed`));
}

export async function terminateAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const values = formValues(form);
  const ref = ZRef.safeParse({ contract: form.get('contract'), lock: form.get('lock') });
  if (!ref.success) notFound();
  const parsed = z
    .object({
      reason: z.string().trim().min(5, { message: 'contracts.errors.reasonRequired' }).max(2000, { message: 'contracts.errors.tooLong' }),
      date: z.iso.date({ message: 'contracts.errors.date' }),
    })
    .safeParse({ reason: form.get('reason') ?? '', date: form.get('date') ?? '' });
  if (!parsed.success) return { values, errors: translated(parsed.error, ctx.t) };
  const { contract } = await contractForAction(ctx, ref.data.contract, 'buyer');
  try {
    await withTenant(ctx.tenant, (tx) => terminateContract(tx, contract.id, parsed.data, ref.data.lock, ctx.user.id));
  } catch (error) {
    return { values, errors: { reason: problemText(ctx, error) } };
  }
  redirect(ctx.href(`/buyer/contracts/${contract.id}?done=terminated`));
}

const money = /^\d{1,12}(\.\d{1,2})?$/;
const ZMilestone = z.object({
  title: z.string().trim().min(2, { message: 'statementsOfWork.errors.milestoneTitle' }).max(200, { message: 'contracts.errors.tooLong' }),
  dueDate: z.iso.date({ message: 'contracts.errors.date' }),
  acceptanceCriteria: z.string().trim().min(2, { message: 'statementsOfWork.errors.acceptanceCriteria' }).max(4000, { message: 'contracts.errors.tooLong' }),
  price: z.string().trim().regex(money, { message: 'contracts.errors.money' }),
});

export async function createStatementAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const values = formValues(form);
  const ref = ZRef.safeParse({ contract: form.get('contract'), lock: form.get('lock') });
  if (!ref.success) notFound();
  const errors: Record<string, string> = {};
  const head = z
    .object({
      title: z.string().trim().min(3, { message: 'statementsOfWork.errors.title' }).max(200, { message: 'contracts.errors.tooLong' }),
      scope: z.string().trim().min(10, { message: 'statementsOfWork.errors.scope' }).max(10_000, { message: 'contracts.errors.tooLong' }),
    })
    .safeParse({ title: form.get('title') ?? '', scope: form.get('scope') ?? '' });
  if (!head.success) Object.assign(errors, translated(head.error, ctx.t));
  const milestones: Milestone[] = [];
  for (let i = 1; i <= MILESTONE_SLOTS; i++) {
    const raw = {
      title: String(form.get(`m${i}Title`) ?? ''),
      dueDate: String(form.get(`m${i}Due`) ?? ''),
      acceptanceCriteria: String(form.get(`m${i}Criteria`) ?? ''),
      price: String(form.get(`m${i}Price`) ?? ''),
    };
    // An empty row is simply not a milestone.
    if (Object.values(raw).every((v) => v.trim() === '')) continue;
    const parsed = ZMilestone.safeParse(raw);
    const names: Record<string, string> = { title: `m${i}Title`, dueDate: `m${i}Due`, acceptanceCriteria: `m${i}Criteria`, price: `m${i}Price` };
    if (parsed.success) milestones.push(parsed.data);
    else Object.assign(errors, translated(parsed.error, ctx.t, (p) => names[String(p[0])] ?? `m${i}Title`));
  }
  if (milestones.length === 0 && !errors.m1Title) errors.m1Title = ctx.t('statementsOfWork.errors.milestoneNeeded');
  if (!head.success || Object.keys(errors).length) return { values, errors };
  const { contract } = await contractForAction(ctx, ref.data.contract, 'buyer');
  let id: string;
  try {
    id = await withTenant(ctx.tenant, (tx) => createStatementOfWork(tx, contract.id, { ...head.data, milestones }, ref.data.lock, ctx.user.id, notifyContextFor(ctx)));
  } catch (error) {
    return { values, errors: { m1Price: problemText(ctx, error) } };
  }
  kickNotifications(ctx.tenant);
  redirect(ctx.href(`/buyer/contracts/${contract.id}/statements/${id}?done=created`));
}

export async function withdrawVariationAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const ref = ZRef.extend({ documentVersion: z.coerce.number().int().min(2) }).safeParse({ contract: form.get('contract'), lock: form.get('lock'), documentVersion: form.get('documentVersion') });
  if (!ref.success) notFound();
  const { contract } = await contractForAction(ctx, ref.data.contract, 'buyer');
  const { lock, documentVersion } = ref.data;
  try {
    await withTenant(ctx.tenant, (tx) => withdrawVariation(tx, contract.id, documentVersion, lock, ctx.user.id));
  } catch (error) {
    return { errors: { withdraw: problemText(ctx, error) } };
  }
  redirect(ctx.href(`/buyer/contracts/${contract.id}?done=withdrawn`));
}
