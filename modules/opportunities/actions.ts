'use server';

import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { withTenant, type TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { findSupplierForUser, type Supplier } from '@/modules/applications/service';
import { findBuyerOrganisation } from '@/modules/direct-award/service';
import { applicableQuestions } from '@/modules/frameworks/answer-validation';
import { errorMessages } from '@/modules/frameworks/field-models';
import { formDataToAnswers } from '@/modules/frameworks/form-data';
import { prepareUploads, storeUploads } from '@/modules/files/uploads';
import type { GeneratedFormState } from '@/modules/frameworks/generated-form';
import { findFrameworkBySlug, frameworkById, type Framework } from '@/modules/frameworks/queries';
import { fieldErrors, formValues, requireSignedInAction, type SignedInActionContext } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { notifyContextFor } from '@/modules/notifications/links';
import { notifyNewOpportunity, notifyOutcome, notifyQuestionAnswered, setOpportunityAlerts } from './notify';
import {
  answerQuestion,
  askQuestion,
  chooseWinner,
  completeAward,
  copyOpportunity,
  createOpportunity,
  endOpportunity,
  evaluateResponse,
  findOpportunity,
  OpportunityRuleError,
  publishOpportunity,
  saveOpportunitySection,
  responsePricingQuestion,
  saveResponse,
  type Opportunity,
} from './service';

/*
 * Server actions for further competition. Each re-derives who is acting from the session: a buyer acts only
 * on opportunities of their own organisation, a supplier only as the supplier they belong to. Another
 * organisation's opportunity answers exactly like a missing one.
 */

const ZId = z.uuid();
const ZMoney = z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, { message: 'opportunities.moneyInvalid' });
const ZScore = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : Number(v)))
  .refine((v) => v === null || (Number.isInteger(v) && v >= 0 && v <= 100), { message: 'opportunities.scoreInvalid' });

type Outcome<T> = { ok: T } | { problem: string };

function problemOf(error: unknown, ctx: SignedInActionContext): string | null {
  if (error instanceof OpportunityRuleError) {
    if (error.key === 'opportunities.notFound') notFound();
    return ctx.t(error.key, { ...error.params, status: error.params.status ? ctx.t(`opportunities.status.${error.params.status}`) : '' });
  }
  return null;
}

/** Runs fn for the signed-in buyer on an opportunity of their organisation. */
async function asBuyer<T>(
  idValue: FormDataEntryValue | null,
  fn: (tx: TenantTx, ctx: SignedInActionContext, o: Opportunity, framework: Framework, organisationId: string) => Promise<T>,
): Promise<{ ctx: SignedInActionContext; result: Outcome<T> }> {
  const ctx = await requireSignedInAction();
  const id = ZId.safeParse(idValue);
  if (!id.success) notFound();
  const result = await withTenant(ctx.tenant, async (tx): Promise<Outcome<T>> => {
    const organisation = await findBuyerOrganisation(tx, ctx.user.id);
    const o = organisation ? await findOpportunity(tx, id.data) : null;
    if (!organisation || !o || o.organisationId !== organisation.id) notFound();
    const framework = (await frameworkById(tx, o.frameworkId, ctx.tenant.config.timezone))!;
    try {
      return { ok: await fn(tx, ctx, o, framework, organisation.id) };
    } catch (error) {
      const problem = problemOf(error, ctx);
      if (problem) return { problem };
      throw error;
    }
  });
  return { ctx, result };
}

async function asSupplier<T>(
  idValue: FormDataEntryValue | null,
  fn: (tx: TenantTx, ctx: SignedInActionContext, o: Opportunity, framework: Framework, supplier: Supplier) => Promise<T>,
): Promise<{ ctx: SignedInActionContext; result: Outcome<T> }> {
  const ctx = await requireSignedInAction();
  const id = ZId.safeParse(idValue);
  if (!id.success) notFound();
  const result = await withTenant(ctx.tenant, async (tx): Promise<Outcome<T>> => {
    const supplier = await findSupplierForUser(tx, ctx.user.id);
    const o = supplier ? await findOpportunity(tx, id.data) : null;
    // Drafts are the buyer's alone.
    if (!supplier || !o || o.status === 'draft') notFound();
    const framework = (await frameworkById(tx, o.frameworkId, ctx.tenant.config.timezone))!;
    try {
      return { ok: await fn(tx, ctx, o, framework, supplier) };
    } catch (error) {
      const problem = problemOf(error, ctx);
      if (problem) return { problem };
      throw error;
    }
  });
  return { ctx, result };
}

export async function createOpportunityAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const ZInput = z.object({
    placement: z.string().regex(/^[a-z][a-z0-9-]{2,62}:[a-z][a-z0-9-]{0,62}$/, { message: 'opportunities.chooseLot' }),
    title: z.string().trim().min(5, { message: 'opportunities.titleTooShort' }).max(200, { message: 'opportunities.titleTooLong' }),
  });
  const values = formValues(form);
  const parsed = ZInput.safeParse({ placement: form.get('placement') ?? '', title: form.get('title') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const [frameworkSlug, lot] = parsed.data.placement.split(':') as [string, string];
  const outcome = await withTenant(ctx.tenant, async (tx): Promise<Outcome<string>> => {
    const organisation = await findBuyerOrganisation(tx, ctx.user.id);
    if (!organisation) return { problem: ctx.t('opportunities.noOrganisation') };
    const framework = await findFrameworkBySlug(tx, frameworkSlug, ctx.tenant.config.timezone);
    if (!framework) return { problem: ctx.t('opportunities.chooseLot') };
    try {
      return { ok: await createOpportunity(tx, { framework, lot, organisationId: organisation.id, title: parsed.data.title.normalize('NFC'), actor: ctx.user.id }) };
    } catch (error) {
      const problem = problemOf(error, ctx);
      if (problem) return { problem };
      throw error;
    }
  });
  if ('problem' in outcome) return { values, errors: { placement: outcome.problem } };
  redirect(ctx.href(`/buyer/opportunities/${outcome.ok}?created=1`));
}

export async function saveOpportunitySectionAction(_state: GeneratedFormState, form: FormData): Promise<GeneratedFormState> {
  const section = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/).safeParse(form.get('section'));
  const version = z.coerce.number().int().min(1).safeParse(form.get('version'));
  if (!section.success || !version.success) notFound();
  let answers: Record<string, unknown> = {};
  const { ctx, result } = await asBuyer(form.get('opportunity'), async (tx, ctx, o, framework) => {
    const questions = applicableQuestions(framework.definition, 'opportunity', o.lot);
    answers = formDataToAnswers(form, questions);
    const { errors } = await saveOpportunitySection(tx, { id: o.id, framework, section: section.data, answers, expectedVersion: version.data, actor: ctx.user.id });
    return errors.length ? errorMessages(errors, questions, framework.definition.rules, { t: ctx.t, locale: ctx.locale, fallback: ctx.tenant.config.defaultLocale }) : null;
  });
  if ('problem' in result) return { answers, errors: { form: result.problem } };
  if (result.ok) return { answers, errors: result.ok };
  redirect(ctx.href(`/buyer/opportunities/${String(form.get('opportunity'))}?saved=${section.data}`));
}

export async function publishOpportunityAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const values = formValues(form);
  const ctxForErrors = await requireSignedInAction();
  const ZInput = z.object({
    lengthDays: z.coerce.number({ message: 'opportunities.chooseLength' }).int({ message: 'opportunities.chooseLength' }),
    confirm: z.literal('yes', { message: 'opportunities.confirmPublish' }),
    version: z.coerce.number().int().min(1),
  });
  const parsed = ZInput.safeParse({ lengthDays: form.get('lengthDays') ?? '', confirm: form.get('confirm') ?? '', version: form.get('version') });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctxForErrors.t, (path) => String(path[0])) };
  const { ctx, result } = await asBuyer(form.get('opportunity'), async (tx, ctx, o, framework) => {
    const { errors } = await publishOpportunity(tx, {
      id: o.id,
      framework,
      lengthDays: parsed.data.lengthDays,
      rules: ctx.tenant.config.opportunityRules,
      timeZone: ctx.tenant.config.timezone,
      expectedVersion: parsed.data.version,
      actor: ctx.user.id,
    });
    if (errors.length === 0) await notifyNewOpportunity(tx, o.id, notifyContextFor(ctx));
    return errors.length;
  });
  if ('problem' in result) return { values, errors: { lengthDays: result.problem } };
  if (result.ok > 0) return { values, errors: { lengthDays: ctx.t('opportunities.incompleteSections') } };
  redirect(ctx.href(`/buyer/opportunities/${String(form.get('opportunity'))}?published=1`));
}

export async function copyOpportunityAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const { ctx, result } = await asBuyer(form.get('opportunity'), (tx, ctx, o, _f, organisationId) => copyOpportunity(tx, { id: o.id, organisationId, actor: ctx.user.id }));
  if ('problem' in result) return { errors: { opportunity: result.problem } };
  redirect(ctx.href(`/buyer/opportunities/${result.ok}?copied=1`));
}

export async function endOpportunityAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const values = formValues(form);
  const base = await requireSignedInAction();
  const ZInput = z.object({
    outcome: z.enum(['withdrawn', 'cancelled', 'unsuccessful'], { message: 'opportunities.chooseOutcome' }),
    reason: z.string().trim().min(5, { message: 'opportunities.reasonRequired' }).max(2000, { message: 'opportunities.reasonTooLong' }),
  });
  const parsed = ZInput.safeParse({ outcome: form.get('outcome') ?? '', reason: form.get('reason') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, base.t, (path) => String(path[0])) };
  const { ctx, result } = await asBuyer(form.get('opportunity'), async (tx, ctx, o) => {
    await endOpportunity(tx, { id: o.id, outcome: parsed.data.outcome, reason: parsed.data.reason.normalize('NFC'), actor: ctx.user.id });
    // Withdrawn before the close: nobody's response was read, so no outcome letter.
    if (parsed.data.outcome !== 'withdrawn') await notifyOutcome(tx, o.id, null, notifyContextFor(ctx));
  });
  if ('problem' in result) return { values, errors: { outcome: result.problem } };
  redirect(ctx.href(`/buyer/opportunities/${String(form.get('opportunity'))}?ended=${parsed.data.outcome}`));
}

export async function answerQuestionAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const values = formValues(form);
  const base = await requireSignedInAction();
  const ZInput = z.object({
    question: ZId,
    answer: z.string().trim().min(2, { message: 'opportunities.answerRequired' }).max(5000, { message: 'opportunities.answerTooLong' }),
  });
  const parsed = ZInput.safeParse({ question: form.get('question'), answer: form.get('answer') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, base.t, (path) => String(path[0])) };
  const { ctx, result } = await asBuyer(form.get('opportunity'), async (tx, ctx, o) => {
    await answerQuestion(tx, { id: o.id, questionId: parsed.data.question, answer: parsed.data.answer.normalize('NFC'), actor: ctx.user.id });
    await notifyQuestionAnswered(tx, parsed.data.question, notifyContextFor(ctx));
  });
  if ('problem' in result) return { values, errors: { answer: result.problem } };
  return { notice: ctx.t('opportunities.answerPublished') };
}

export async function askQuestionAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const values = formValues(form);
  const base = await requireSignedInAction();
  const ZInput = z.object({
    question: z.string().trim().min(10, { message: 'opportunities.questionTooShort' }).max(2000, { message: 'opportunities.questionTooLong' }),
  });
  const parsed = ZInput.safeParse({ question: form.get('question') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, base.t, (path) => String(path[0])) };
  const { ctx, result } = await asSupplier(form.get('opportunity'), (tx, ctx, o, _f, supplier) =>
    askQuestion(tx, { id: o.id, supplierId: supplier.id, question: parsed.data.question.normalize('NFC'), actor: ctx.user.id }),
  );
  if ('problem' in result) return { values, errors: { question: result.problem } };
  return { notice: ctx.t('opportunities.questionAsked') };
}

export async function saveResponseAction(_state: GeneratedFormState, form: FormData): Promise<GeneratedFormState> {
  const submit = form.get('intent') === 'submit';
  const rawPrice = String(form.get('price') ?? '').trim();
  let answers: Record<string, unknown> = {};
  const { ctx, result } = await asSupplier(form.get('opportunity'), async (tx, ctx, o, framework, supplier) => {
    const questions = applicableQuestions(framework.definition, 'response', o.lot);
    answers = formDataToAnswers(form, questions);
    const fallback = ctx.tenant.config.defaultLocale;
    const uploads = await prepareUploads(form, questions);
    if (uploads.errors.length > 0) return errorMessages(uploads.errors, questions, framework.definition.rules, { t: ctx.t, locale: ctx.locale, fallback });
    const errors: Record<string, string> = {};
    // When the definition asks for a rate (e.g. a day rate), that is the price; otherwise the form asks for one.
    const pricing = responsePricingQuestion(framework.definition, o.lot);
    const priceField = pricing?.id ?? 'price';
    const priceText = pricing ? String((answers[pricing.id] as { min?: string } | undefined)?.min ?? '').trim() : rawPrice;
    const price = priceText === '' ? null : ZMoney.safeParse(priceText);
    if (price && !price.success) errors[priceField] = ctx.t('opportunities.moneyInvalid');
    const saved = await saveResponse(tx, {
      id: o.id,
      framework,
      supplierId: supplier.id,
      answers: { ...answers, ...uploads.answers },
      price: price && price.success ? price.data : null,
      submit,
      actor: ctx.user.id,
    });
    Object.assign(errors, errorMessages(saved.errors, questions, framework.definition.rules, { t: ctx.t, locale: ctx.locale, fallback }));
    if (saved.priceError && !errors[priceField]) errors[priceField] = ctx.t(saved.priceError.key, saved.priceError.params);
    // Stored exactly when the response (which points at them) was saved.
    if (saved.errors.length === 0 && !saved.priceError) await storeUploads(tx, uploads.files, { supplierId: supplier.id, actor: ctx.user.id });
    return errors;
  });
  if (rawPrice) answers = { ...answers, price: rawPrice };
  if ('problem' in result) return { answers, errors: { form: result.problem } };
  if (Object.keys(result.ok).length > 0) return { answers, errors: result.ok };
  return { answers, notice: ctx.t(submit ? 'opportunities.responseSubmitted' : 'opportunities.responseSaved') };
}

export async function evaluateResponseAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const values = formValues(form);
  const base = await requireSignedInAction();
  const ZInput = z.object({
    response: ZId,
    technical: ZScore,
    cultural: ZScore,
    price: ZScore,
    shortlisted: z.enum(['yes', 'no'], { message: 'opportunities.chooseShortlist' }),
    notes: z.string().trim().max(5000, { message: 'opportunities.notesTooLong' }),
  });
  const parsed = ZInput.safeParse(Object.fromEntries(['response', 'technical', 'cultural', 'price', 'shortlisted', 'notes'].map((k) => [k, String(form.get(k) ?? '')])));
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, base.t, (path) => String(path[0])) };
  const { ctx, result } = await asBuyer(form.get('opportunity'), (tx, ctx, o) =>
    evaluateResponse(tx, {
      id: o.id,
      responseId: parsed.data.response,
      technical: parsed.data.technical,
      cultural: parsed.data.cultural,
      price: parsed.data.price,
      shortlisted: parsed.data.shortlisted === 'yes',
      notes: parsed.data.notes ? parsed.data.notes.normalize('NFC') : null,
      actor: ctx.user.id,
    }),
  );
  if ('problem' in result) return { values, errors: { technical: result.problem } };
  redirect(ctx.href(`/buyer/opportunities/${String(form.get('opportunity'))}/responses?scored=1`));
}

export async function chooseWinnerAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const base = await requireSignedInAction();
  const response = ZId.safeParse(form.get('response'));
  if (!response.success) return { errors: { response: base.t('opportunities.chooseWinner') } };
  const { ctx, result } = await asBuyer(form.get('opportunity'), (tx, ctx, o) => chooseWinner(tx, { id: o.id, responseId: response.data, actor: ctx.user.id }));
  if ('problem' in result) return { errors: { response: result.problem } };
  redirect(ctx.href(`/buyer/opportunities/${String(form.get('opportunity'))}/award`));
}

export async function completeAwardAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const values = formValues(form);
  const base = await requireSignedInAction();
  const ZInput = z
    .object({
      value: ZMoney,
      startDate: z.iso.date({ message: 'opportunities.dateInvalid' }),
      endDate: z.iso.date({ message: 'opportunities.dateInvalid' }),
    })
    .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'opportunities.endBeforeStart' });
  const parsed = ZInput.safeParse({ value: form.get('value') ?? '', startDate: form.get('startDate') ?? '', endDate: form.get('endDate') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, base.t, (path) => String(path[0])) };
  const { ctx, result } = await asBuyer(form.get('opportunity'), async (tx, ctx, o) => {
    const award = await completeAward(tx, { id: o.id, ...parsed.data, currency: ctx.tenant.config.currency, timeZone: ctx.tenant.config.timezone, actor: ctx.user.id });
    await notifyOutcome(tx, o.id, award.winnerSupplierId, notifyContextFor(ctx));
    return award.contractId;
  });
  if ('problem' in result) return { values, errors: { value: result.problem } };
  redirect(ctx.href(`/buyer/opportunities/${String(form.get('opportunity'))}?awarded=1`));
}

export async function opportunityAlertsAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const choice = z.enum(['on', 'off']).safeParse(form.get('alerts'));
  if (!choice.success) return { errors: { alerts: ctx.t('opportunities.chooseAlerts') } };
  await withTenant(ctx.tenant, async (tx) => {
    if (!(await findSupplierForUser(tx, ctx.user.id))) notFound();
    await setOpportunityAlerts(tx, ctx.user.id, choice.data === 'on');
    await recordAuditEvent(tx, { type: 'opportunity.alerts_changed', actorUserId: ctx.user.id, objectType: 'user', objectId: ctx.user.id, data: { enabled: choice.data === 'on' } });
  });
  return { notice: ctx.t(choice.data === 'on' ? 'opportunities.alertsOn' : 'opportunities.alertsOff') };
}
