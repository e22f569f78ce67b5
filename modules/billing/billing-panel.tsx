import { getDb } from '@/db/client';
import { formatDate } from '@/modules/i18n/format';
import type { TFunction } from '@/modules/i18n/server';
import { StepForm } from '@/modules/onboarding/ui/step-form';
import { billingAction } from './actions';
import { gracePeriodDays, PLANS } from './plans';
import { billingFor } from './service';
import { billingConfigured } from './stripe-client';

/** The billing part of the console's tenant page: plan, Stripe state, and what the operator can do. */
export async function BillingPanel(props: { t: TFunction; tenantId: string; slug: string; locale: string }) {
  const { t } = props;
  const billing = await billingFor(getDb(), props.tenantId);
  const configured = billingConfigured();
  const fmt = { format: props.locale, timezone: 'UTC', currency: 'USD' };
  const methods = configured ? ['manual', 'invoice', 'checkout', 'portal'] : ['manual'];
  return (
    <section aria-labelledby="billing-heading" className="mb-10">
      <h2 id="billing-heading" className="mb-2 text-2xl font-bold">
        {t('billing.heading')}
      </h2>
      {!configured ? (
        <p className="mb-4 border-s-4 border-ink bg-gray-100 p-4" data-testid="billing-not-configured">
          {t('billing.notConfigured')}
        </p>
      ) : null}
      <dl className="mb-4 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-bold">{t('platformConsole.plan')}</dt>
        <dd>{billing ? t(`billing.plans.${billing.plan}`) : '—'}</dd>
        <dt className="font-bold">{t('billing.subscription')}</dt>
        <dd>{billing?.subscriptionStatus ?? t('billing.none')}</dd>
        <dt className="font-bold">{t('billing.customer')}</dt>
        <dd className="font-mono text-sm">{billing?.stripeCustomerId ?? t('billing.none')}</dd>
        {billing?.pastDueSince ? (
          <>
            <dt className="font-bold">{t('billing.pastDueSince')}</dt>
            <dd>{t('billing.pastDue', { date: formatDate(billing.pastDueSince, fmt), days: gracePeriodDays() })}</dd>
          </>
        ) : null}
      </dl>
      <StepForm
        id="billing"
        action={billingAction}
        errorSummaryTitle={t('onboarding.errorSummary')}
        submitLabel={t('billing.submit')}
        fields={[
          { name: 'slug', label: '', type: 'hidden', defaultValue: props.slug },
          { name: 'plan', label: t('platformConsole.plan'), type: 'select', defaultValue: billing?.plan, options: PLANS.map((p) => ({ value: p.id, label: t(`billing.plans.${p.id}`) })) },
          { name: 'method', label: t('billing.method'), type: 'radios', defaultValue: 'manual', options: methods.map((m) => ({ value: m, label: t(`billing.methods.${m}`) })) },
        ]}
      />
    </section>
  );
}
