import type { SignedInUser } from '@/modules/auth/session';
import { formatDate, formatMoney } from '@/modules/i18n/format';
import type { TenantPageContext } from '@/modules/tenancy/context';
import { ActionForm, type FormFieldSpec } from '@/modules/ui/action-form';
import { signAction, sendForSignatureAction, terminateAction, withdrawVariationAction } from './actions';
import { diffVersions, previousVersion, type Contract, type ContractDetail, type Milestone, type Side, type Signature, type StatementOfWork } from './service';
import { flattenTerms, termLabel, type TermField } from './terms';

/*
 * What buyers and suppliers see of a contract: the same views, with the buyer's extra actions. The terms shown
 * are the version waiting for signatures, if any, else the one in force, and the sign form names that version.
 */

const CONTRACT_NOTICES = ['saved', 'variation', 'sent', 'signed', 'terminated', 'withdrawn'];
const STATEMENT_NOTICES = ['created', 'signed'];

export function ContractStatusTag({ status, t }: { status: string; t: TenantPageContext['t'] }) {
  const tone = status === 'active' ? 'bg-green-800 text-white' : status === 'terminated' ? 'bg-gray-700 text-white' : 'bg-amber-100 text-ink';
  return <strong data-testid="contract-status" className={`inline-block px-2 py-0.5 text-sm uppercase tracking-wide ${tone}`}>{t(`contracts.status.${status}`)}</strong>;
}

function money(ctx: TenantPageContext, value: string | number, currency: string): string {
  return formatMoney(Number(value), { ...ctx.fmt, currency });
}

function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
      {children}
    </p>
  );
}

export function ContractList(props: { ctx: TenantPageContext; side: Side; rows: { contract: Contract; buyerName: string; supplierName: string }[] }) {
  const { ctx, side, rows } = props;
  const { t } = ctx;
  if (rows.length === 0) return <p>{t('contracts.none')}</p>;
  return (
    <table className="w-full border-collapse" data-testid="contracts">
      <caption className="mb-2 text-start text-muted">{t('contracts.listCaption')}</caption>
      <thead>
        <tr className="border-b-2 border-ink">
          <th scope="col" className="p-2 text-start">{t('contracts.contract')}</th>
          <th scope="col" className="p-2 text-start">{side === 'buyer' ? t('contracts.supplier') : t('contracts.buyer')}</th>
          <th scope="col" className="p-2 text-end">{t('contracts.terms.value')}</th>
          <th scope="col" className="p-2 text-start">{t('contracts.statusLabel')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ contract, buyerName, supplierName }) => (
          <tr key={contract.id} className="border-b border-rule">
            <td className="p-2">
              <a href={ctx.href(`/${side}/contracts/${contract.id}`)}>{contract.title}</a>
              <span className="block text-sm text-muted">{t('contracts.referenceShort', { reference: contract.reference })}</span>
            </td>
            <td className="p-2">{side === 'buyer' ? supplierName : buyerName}</td>
            <td className="p-2 text-end">{money(ctx, contract.value, contract.currency)}</td>
            <td className="p-2">
              <ContractStatusTag status={contract.status} t={t} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function termValue(ctx: TenantPageContext, field: TermField | undefined, id: string, value: string, currency: string): string {
  if (value === '') return ctx.t('contracts.notGiven');
  const type = field?.type ?? 'text';
  if (type === 'money' || id === 'value') return money(ctx, value, currency);
  if (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(new Date(`${value}T12:00:00Z`), ctx.fmt);
  return value;
}

function SignatureList(props: { ctx: TenantPageContext; signatures: Signature[]; testId: string }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <ul className="mb-4 list-none space-y-1" data-testid={props.testId}>
      {(['buyer', 'supplier'] as const).map((side) => {
        const s = props.signatures.find((x) => x.side === side);
        return (
          <li key={side}>
            <strong>{t(`contracts.sides.${side}`)}:</strong>{' '}
            {s ? t('contracts.signedBy', { name: s.signerName, role: s.signerRole, time: formatDate(s.signedAt, ctx.fmt, 'dateTime') }) : t('contracts.notSigned')}
          </li>
        );
      })}
    </ul>
  );
}

export function SignForm(props: { ctx: TenantPageContext; user: SignedInUser; side: Side; contractId: string; documentVersion: number; statementId?: string }) {
  const { t } = props.ctx;
  const hidden = (name: string, value: string): FormFieldSpec => ({ name, label: '', type: 'hidden', defaultValue: value });
  return (
    <ActionForm
      id={props.statementId ? 'sign-statement' : 'sign-contract'}
      action={signAction}
      fields={[
        hidden('contract', props.contractId),
        hidden('side', props.side),
        hidden('documentVersion', String(props.documentVersion)),
        ...(props.statementId ? [hidden('statement', props.statementId)] : []),
        { name: 'name', label: t('contracts.signerName'), type: 'text', defaultValue: props.user.name ?? '', autoComplete: 'name' },
        { name: 'role', label: t('contracts.signerRole'), hint: t('contracts.signerRoleHint'), type: 'text', autoComplete: 'organization-title' },
      ]}
      submitLabel={t('contracts.sign')}
      errorSummaryTitle={t('errors.summaryTitle')}
    />
  );
}

export function ContractView(props: { ctx: TenantPageContext; detail: ContractDetail; side: Side; user: SignedInUser; done?: string }) {
  const { ctx, detail, side, user } = props;
  const { t, locale, tenant } = ctx;
  const { contract, shown, pending, fields } = detail;
  const fallback = tenant.config.defaultLocale;
  const values = flattenTerms(shown);
  const shownSignatures = detail.signatures.filter((s) => s.documentType === 'contract' && s.documentVersion === shown.version);
  const mySignature = shownSignatures.find((s) => s.side === side);
  const hidden = (name: string, value: string): FormFieldSpec => ({ name, label: '', type: 'hidden', defaultValue: value });
  const ref = [hidden('contract', contract.id), hidden('lock', String(contract.version))];
  const base = `/${side}/contracts/${contract.id}`;
  const extraIds = Object.keys(values).filter((id) => !fields.some((f) => f.id === id));
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/${side}/contracts`)}>{t('contracts.title')}</a>
      </p>
      <PageHeadingWithTag title={contract.title} tag={<ContractStatusTag status={contract.status} t={t} />} />
      <p className="mb-6 text-muted" data-testid="contract-reference">
        {t('contracts.reference', { reference: contract.reference })}
      </p>
      {props.done && CONTRACT_NOTICES.includes(props.done) ? <Notice>{t(`contracts.done.${props.done}`)}</Notice> : null}
      {pending && pending > 1 ? <Notice>{t('contracts.variationPending', { version: pending, current: contract.currentVersion })}</Notice> : null}
      {contract.status === 'terminated' && contract.terminatedAt ? (
        <Notice>{t('contracts.terminatedOn', { date: formatDate(contract.terminatedAt, ctx.fmt), reason: contract.terminationReason ?? '' })}</Notice>
      ) : null}

      <section aria-labelledby="parties" className="mb-8">
        <h2 id="parties" className="mb-2 text-2xl font-bold">{t('contracts.parties')}</h2>
        <dl className="grid max-w-3xl grid-cols-1 gap-x-6 gap-y-1 md:grid-cols-[max-content_1fr]">
          <dt className="font-bold">{t('contracts.buyer')}</dt>
          <dd data-testid="buyer-party">{detail.buyerName}</dd>
          <dt className="font-bold">{t('contracts.supplier')}</dt>
          <dd data-testid="supplier-party">{detail.supplierName}</dd>
          <dt className="font-bold">{t('contracts.currency')}</dt>
          <dd>{contract.currency}</dd>
          <dt className="font-bold">{t('contracts.awardedOn')}</dt>
          <dd>{formatDate(new Date(`${contract.awardedOn}T12:00:00Z`), ctx.fmt)}</dd>
        </dl>
      </section>

      <section aria-labelledby="terms" className="mb-8">
        <h2 id="terms" className="mb-2 text-2xl font-bold">{t('contracts.termsHeading', { version: shown.version })}</h2>
        <dl className="grid max-w-3xl grid-cols-1 gap-x-6 gap-y-1 md:grid-cols-[max-content_1fr]" data-testid="terms">
          {fields.map((field) => (
            <TermRow key={field.id} label={termLabel(field, t, locale, fallback)} value={termValue(ctx, field, field.id, values[field.id] ?? '', contract.currency)} />
          ))}
          {extraIds.map((id) => (
            <TermRow key={id} label={id} value={values[id] ?? ''} />
          ))}
        </dl>
        <p className="mt-4">
          <a href={`${ctx.basePath}/api/contracts/${contract.id}/pdf?lang=${locale}`} download data-testid="contract-pdf">
            {t('contracts.downloadPdf')}
          </a>
        </p>
      </section>

      {contract.status !== 'drafted' ? (
        <section aria-labelledby="signatures" className="mb-8">
          <h2 id="signatures" className="mb-2 text-2xl font-bold">{t('contracts.signaturesHeading', { version: shown.version })}</h2>
          <SignatureList ctx={ctx} signatures={shownSignatures} testId="contract-signatures" />
          {pending && !mySignature && contract.status !== 'terminated' ? (
            <>
              <p className="mb-4 max-w-2xl">{t('contracts.signIntro', { version: pending })}</p>
              <SignForm ctx={ctx} user={user} side={side} contractId={contract.id} documentVersion={pending} />
            </>
          ) : null}
          {side === 'buyer' && pending && pending > 1 && contract.status === 'active' ? (
            <div className="mt-6">
              <p className="mb-2 max-w-2xl">{t('contracts.withdrawIntro', { version: pending, current: contract.currentVersion })}</p>
              <ActionForm
                id="withdraw-variation"
                action={withdrawVariationAction}
                fields={[...ref, hidden('documentVersion', String(pending))]}
                submitLabel={t('contracts.withdrawVariation')}
                errorSummaryTitle={t('errors.summaryTitle')}
              />
            </div>
          ) : null}
        </section>
      ) : null}

      {side === 'buyer' && contract.status === 'drafted' ? (
        <section aria-labelledby="draft" className="mb-8">
          <h2 id="draft" className="mb-2 text-2xl font-bold">{t('contracts.draftHeading')}</h2>
          <p className="mb-4 max-w-2xl">{t('contracts.draftIntro')}</p>
          <p className="mb-6">
            <a href={ctx.href(`${base}/terms`)} className="inline-block bg-brand px-5 py-2 text-lg font-bold text-brand-text no-underline">
              {t('contracts.completeTerms')}
            </a>
          </p>
          <ActionForm id="send" action={sendForSignatureAction} fields={ref} submitLabel={t('contracts.sendForSignature')} errorSummaryTitle={t('errors.summaryTitle')} />
        </section>
      ) : null}

      {side === 'buyer' && contract.status === 'active' ? (
        <section aria-labelledby="manage" className="mb-8">
          <h2 id="manage" className="mb-2 text-2xl font-bold">{t('contracts.manageHeading')}</h2>
          <ul className="list-none space-y-2">
            {!pending ? (
              <li>
                <a href={ctx.href(`${base}/terms`)}>{t('contracts.proposeVariation')}</a>
              </li>
            ) : null}
            <li>
              <a href={ctx.href(`${base}/statements/new`)}>{t('statementsOfWork.add')}</a>
            </li>
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="statements" className="mb-8">
        <h2 id="statements" className="mb-2 text-2xl font-bold">{t('statementsOfWork.title')}</h2>
        {detail.statements.length === 0 ? (
          <p>{t('statementsOfWork.none')}</p>
        ) : (
          <table className="w-full border-collapse" data-testid="statements">
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2 text-start">{t('statementsOfWork.statement')}</th>
                <th scope="col" className="p-2 text-end">{t('statementsOfWork.price')}</th>
                <th scope="col" className="p-2 text-start">{t('contracts.statusLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.statements.map((s) => (
                <tr key={s.id} className="border-b border-rule">
                  <td className="p-2">
                    <a href={ctx.href(`${base}/statements/${s.id}`)}>{t('statementsOfWork.numbered', { number: s.number, title: s.title })}</a>
                  </td>
                  <td className="p-2 text-end">{money(ctx, s.price, contract.currency)}</td>
                  <td className="p-2">
                    <ContractStatusTag status={s.status} t={t} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {detail.versions.length > 1 ? (
        <section aria-labelledby="history" className="mb-8">
          <h2 id="history" className="mb-2 text-2xl font-bold">{t('contracts.historyHeading')}</h2>
          {detail.versions.slice(1).map((version) => {
            const previous = previousVersion(detail.versions, version) ?? detail.versions[0]!;
            const changes = diffVersions(detail, previous, version);
            return (
              <div key={version.version} className="mb-6" data-testid={`variation-${version.version}`}>
                <h3 className="mb-1 text-xl font-bold">{t('contracts.variationHeading', { version: version.version, previous: previous.version })}</h3>
                <p className="mb-2">
                  {t('contracts.variationReason', { reason: version.variationReason ?? '' })} · {formatDate(version.createdAt, ctx.fmt, 'dateTime')} ·{' '}
                  {version.withdrawnAt
                    ? t('contracts.variationWithdrawn', { date: formatDate(version.withdrawnAt, ctx.fmt) })
                    : version.version <= contract.currentVersion && contract.status !== 'drafted'
                      ? t('contracts.variationSigned')
                      : t('contracts.variationUnsigned')}
                </p>
                <table className="w-full border-collapse">
                  <caption className="mb-1 text-start text-muted">{t('contracts.diffCaption', { version: version.version })}</caption>
                  <thead>
                    <tr className="border-b-2 border-ink">
                      <th scope="col" className="p-2 text-start">{t('contracts.term')}</th>
                      <th scope="col" className="p-2 text-start">{t('contracts.before')}</th>
                      <th scope="col" className="p-2 text-start">{t('contracts.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((c) => {
                      const field = fields.find((f) => f.id === c.id);
                      return (
                        <tr key={c.id} className="border-b border-rule align-top">
                          <th scope="row" className="p-2 text-start font-bold">{field ? termLabel(field, t, locale, fallback) : c.id}</th>
                          <td className="p-2 whitespace-pre-line">
                            <del>{termValue(ctx, field, c.id, c.before, contract.currency)}</del>
                          </td>
                          <td className="p-2 whitespace-pre-line">
                            <ins>{termValue(ctx, field, c.id, c.after, contract.currency)}</ins>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            );
          })}
        </section>
      ) : null}

      {side === 'buyer' && (contract.status === 'active' || contract.status === 'awaiting_signatures') ? (
        <section aria-labelledby="terminate" className="mb-8">
          <h2 id="terminate" className="mb-2 text-2xl font-bold">{t('contracts.terminateHeading')}</h2>
          <p className="mb-4 max-w-2xl">{t('contracts.terminateIntro')}</p>
          <ActionForm
            id="terminate-form"
            action={terminateAction}
            fields={[
              ...ref,
              { name: 'reason', label: t('contracts.terminationReason'), type: 'textarea', rows: 3 },
              { name: 'date', label: t('contracts.terminationDate'), type: 'date' },
            ]}
            submitLabel={t('contracts.terminate')}
            errorSummaryTitle={t('errors.summaryTitle')}
          />
        </section>
      ) : null}
    </>
  );
}

function TermRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt className="font-bold">{label}</dt>
      <dd className="mb-2 whitespace-pre-line">{value}</dd>
    </>
  );
}

function PageHeadingWithTag({ title, tag }: { title: string; tag: React.ReactNode }) {
  return (
    <div className="mb-2 flex flex-wrap items-center gap-4">
      <h1 className="text-3xl font-bold md:text-4xl">{title}</h1>
      {tag}
    </div>
  );
}

export function StatementView(props: { ctx: TenantPageContext; contract: Contract; statement: StatementOfWork; signatures: Signature[]; side: Side; user: SignedInUser; done?: string }) {
  const { ctx, contract, statement, side, user } = props;
  const { t } = ctx;
  const sigs = props.signatures.filter((s) => s.documentType === 'statement_of_work' && s.documentId === statement.id && s.documentVersion === statement.version);
  const mine = sigs.find((s) => s.side === side);
  const milestones = statement.milestones as unknown as Milestone[];
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/${side}/contracts/${contract.id}`)}>{contract.title}</a>
      </p>
      <PageHeadingWithTag title={t('statementsOfWork.numbered', { number: statement.number, title: statement.title })} tag={<ContractStatusTag status={statement.status} t={t} />} />
      <p className="mb-6 text-muted">{t('contracts.reference', { reference: contract.reference })}</p>
      {props.done && STATEMENT_NOTICES.includes(props.done) ? <Notice>{t(`statementsOfWork.done.${props.done}`)}</Notice> : null}
      <section aria-labelledby="scope" className="mb-8">
        <h2 id="scope" className="mb-2 text-2xl font-bold">{t('statementsOfWork.scope')}</h2>
        <p className="max-w-3xl whitespace-pre-line">{statement.scope}</p>
      </section>
      <section aria-labelledby="milestones" className="mb-8">
        <h2 id="milestones" className="mb-2 text-2xl font-bold">{t('statementsOfWork.milestones')}</h2>
        <table className="w-full border-collapse" data-testid="milestones">
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="p-2 text-start">{t('statementsOfWork.milestone')}</th>
              <th scope="col" className="p-2 text-start">{t('statementsOfWork.dueDate')}</th>
              <th scope="col" className="p-2 text-start">{t('statementsOfWork.acceptanceCriteria')}</th>
              <th scope="col" className="p-2 text-end">{t('statementsOfWork.price')}</th>
            </tr>
          </thead>
          <tbody>
            {milestones.map((m, i) => (
              <tr key={i} className="border-b border-rule align-top">
                <td className="p-2">{m.title}</td>
                <td className="p-2">{formatDate(new Date(`${m.dueDate}T12:00:00Z`), ctx.fmt)}</td>
                <td className="p-2 whitespace-pre-line">{m.acceptanceCriteria}</td>
                <td className="p-2 text-end">{money(ctx, m.price, contract.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3} className="p-2 text-start">
                {t('statementsOfWork.total')}
              </th>
              <td className="p-2 text-end font-bold" data-testid="statement-total">
                {money(ctx, statement.price, contract.currency)}
              </td>
            </tr>
          </tfoot>
        </table>
        <p className="mt-4">
          <a href={`${ctx.basePath}/api/contracts/${contract.id}/statements/${statement.id}/pdf?lang=${ctx.locale}`} download data-testid="statement-pdf">
            {t('statementsOfWork.downloadPdf')}
          </a>
        </p>
      </section>
      <section aria-labelledby="sow-signatures" className="mb-8">
        <h2 id="sow-signatures" className="mb-2 text-2xl font-bold">{t('statementsOfWork.signaturesHeading')}</h2>
        <SignatureList ctx={ctx} signatures={sigs} testId="statement-signatures" />
        {statement.status === 'awaiting_signatures' && !mine && contract.status !== 'terminated' ? (
          <SignForm ctx={ctx} user={user} side={side} contractId={contract.id} documentVersion={statement.version} statementId={statement.id} />
        ) : null}
      </section>
    </>
  );
}
