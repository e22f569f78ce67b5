import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { approveSignupAction } from '@/modules/onboarding/signup-actions';
import { findDraft } from '@/modules/onboarding/drafts';
import { platformNotFound, requirePlatformAdmin } from '@/modules/onboarding/platform-context';
import { PROVISION_STEPS } from '@/modules/onboarding/provision';
import { resumeStep, type WizardData } from '@/modules/onboarding/wizard-schema';
import { PageHeading } from '@/modules/ui/page-heading';
import { tenantBaseUrl } from '@/tenants/urls';
import type { Tenant } from '@/tenants/registry';

/**
 * A draft's state. While provisioning, the page refreshes itself every second (a meta refresh: no JavaScript
 * needed) and lists the steps done; when live it links to the new marketplace; when failed it says why.
 */
export default async function DraftPage({ params }: PageProps<'/platform/[locale]/console/drafts/[draft]'>) {
  const { locale, draft: draftId } = await params;
  const ctx = await requirePlatformAdmin(locale, `/console/drafts/${draftId}`);
  const { t } = ctx;
  const draft = await findDraft(getDb(), draftId);
  if (!draft) platformNotFound(locale);
  if (draft.status === 'draft') redirect(ctx.href(`/console/drafts/${draft.id}/${resumeStep(draft.completedSteps)}`));
  const data = draft.data as WizardData;
  const name = data.authority?.name ?? draft.requesterEmail ?? '';
  if (draft.status === 'requested') {
    return (
      <>
        <PageHeading>{t('platformConsole.requestHeading', { name })}</PageHeading>
        <dl className="mb-6 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
          <dt className="font-bold">{t('onboarding.fields.name')}</dt>
          <dd>{name}</dd>
          <dt className="font-bold">{t('platformConsole.requesterEmail')}</dt>
          <dd>{draft.requesterEmail}</dd>
          <dt className="font-bold">{t('onboarding.fields.slug')}</dt>
          <dd>{data.address?.slug ?? '—'}</dd>
        </dl>
        <form action={approveSignupAction}>
          <input type="hidden" name="draft" value={draft.id} />
          <button type="submit" className="cursor-pointer bg-ink px-5 py-2 text-lg font-bold text-white">
            {t('platformConsole.approveRequest')}
          </button>
        </form>
      </>
    );
  }
  const slug = data.address?.slug ?? '';
  const done = new Set(draft.progress);
  const url = slug ? tenantBaseUrl({ slug, config: { domains: [] } } as unknown as Tenant) : '';
  return (
    <>
      {draft.status === 'provisioning' ? <meta httpEquiv="refresh" content="1" /> : null}
      <PageHeading>{t('onboarding.progress.title', { name })}</PageHeading>
      <p role="status" className="mb-6 text-lg" data-testid="draft-status">
        {t(`onboarding.progress.status.${draft.status}`)}
      </p>
      <ol className="mb-8 space-y-1 ps-6" aria-label={t('onboarding.progress.stepsLabel')}>
        {PROVISION_STEPS.map((step) => (
          <li key={step} className={done.has(step) ? '' : 'text-muted'}>
            <span aria-hidden="true">{done.has(step) ? '✓ ' : '○ '}</span>
            {t(`onboarding.progress.steps.${step}`)}
            <span className="sr-only"> — {done.has(step) ? t('onboarding.stepDone') : t('onboarding.progress.notYet')}</span>
          </li>
        ))}
      </ol>
      {draft.status === 'failed' ? (
        <div className="mb-6 border-4 border-error p-4" role="alert">
          <h2 className="mb-1 text-xl font-bold">{t('onboarding.failedHeading')}</h2>
          <p className="mb-3">{t('onboarding.failedBody')}</p>
          <p className="mb-3 font-mono text-sm" data-testid="draft-error">{draft.error}</p>
          <a href={ctx.href(`/console/drafts/${draft.id}/review`)}>{t('onboarding.reviewAndRetry')}</a>
        </div>
      ) : null}
      {draft.status === 'live' ? (
        <ul className="list-disc space-y-2 ps-6">
          <li>
            <a href={`${url}/`} data-testid="live-link">{t('onboarding.progress.visit', { name })}</a>
          </li>
          <li>
            <a href={ctx.href(`/console/tenants/${slug}`)}>{t('onboarding.progress.manage')}</a>
          </li>
        </ul>
      ) : null}
    </>
  );
}
