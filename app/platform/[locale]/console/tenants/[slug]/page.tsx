import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { platformAuditEvents, tenants } from '@/db/schema/platform';
import { tenantBilling } from '@/db/schema/platform-onboarding';
import { formatDate } from '@/modules/i18n/format';
import { LOCALE_NATIVE_NAMES, isShippedLocale } from '@/modules/i18n/locales';
import { BillingPanel } from '@/modules/billing/billing-panel';
import { changeTenantStatusAction, deleteTenantAction } from '@/modules/onboarding/console-actions';
import { tenantCounts } from '@/modules/onboarding/console-queries';
import { allowedTransitions } from '@/modules/onboarding/lifecycle';
import { platformNotFound, requirePlatformAdmin } from '@/modules/onboarding/platform-context';
import { StepForm } from '@/modules/onboarding/ui/step-form';
import { PageHeading } from '@/modules/ui/page-heading';
import type { TTenantConfig } from '@/tenants/config-schema';
import type { Tenant } from '@/tenants/registry';
import { tenantBaseUrl } from '@/tenants/urls';

/** One marketplace for the operator: facts, lifecycle with reasons, export, billing, deletion after archive. */
export default async function ConsoleTenantPage({ params, searchParams }: PageProps<'/platform/[locale]/console/tenants/[slug]'>) {
  const { locale, slug } = await params;
  const ctx = await requirePlatformAdmin(locale, `/console/tenants/${slug}`);
  const { t } = ctx;
  const sp = await searchParams;
  const db = getDb();
  const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  if (!row) platformNotFound(locale);
  const config = row.config as unknown as TTenantConfig;
  const [billing] = await db.select().from(tenantBilling).where(eq(tenantBilling.tenantId, row.id)).limit(1);
  const counts = row.status === 'provisioning' ? null : await tenantCounts(db, slug).catch(() => null);
  const events = await db.select().from(platformAuditEvents).where(eq(platformAuditEvents.tenantId, row.id)).orderBy(desc(platformAuditEvents.occurredAt)).limit(20);
  const names = config.name as Record<string, string | undefined>;
  const name = names[locale] ?? names[config.defaultLocale] ?? slug;
  const fmt = { format: locale, timezone: 'UTC', currency: config.currency };
  const url = tenantBaseUrl({ slug, config } as unknown as Tenant);
  const transitions = allowedTransitions(row.status);
  const facts: [string, string][] = [
    [t('platformConsole.slug'), slug],
    [t('platformConsole.status'), t(`platformConsole.statuses.${row.status}`)],
    [t('platformConsole.plan'), billing ? t(`billing.plans.${billing.plan}`) : '—'],
    [t('platformConsole.languages'), config.locales.map((l) => (isShippedLocale(l.code) ? LOCALE_NATIVE_NAMES[l.code] : l.code)).join(', ')],
    [t('platformConsole.created'), formatDate(row.createdAt, fmt, 'dateTime')],
    [t('platformConsole.suppliers'), counts ? String(counts.suppliers) : '—'],
    [t('platformConsole.services'), counts ? String(counts.services) : '—'],
    [t('platformConsole.frameworks'), counts ? String(counts.frameworks) : '—'],
  ];
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/console')}>{t('platformConsole.backToList')}</a>
      </p>
      <PageHeading>{name}</PageHeading>
      {sp.changed || sp.imported ? (
        <p role="status" className="mb-6 border-s-4 border-ink bg-gray-100 p-4">
          {sp.imported ? t('platformConsole.imported') : t('platformConsole.statusChanged')}
        </p>
      ) : null}
      <dl className="mb-6 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2" data-testid="tenant-facts">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-bold">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ul className="mb-10 list-disc space-y-1 ps-6">
        {row.status !== 'archived' && row.status !== 'provisioning' ? (
          <li>
            <a href={`${url}/`}>{t('platformConsole.visitSite', { name })}</a>
          </li>
        ) : null}
        {row.status !== 'provisioning' ? (
          <li>
            <a href={`/api/platform/tenants/${slug}/export`} download>
              {t('platformConsole.export')}
            </a>
          </li>
        ) : null}
      </ul>

      {transitions.length > 0 ? (
        <section aria-labelledby="lifecycle-heading" className="mb-10">
          <h2 id="lifecycle-heading" className="mb-2 text-2xl font-bold">
            {t('platformConsole.lifecycleHeading')}
          </h2>
          <p className="mb-4 max-w-2xl">{t('platformConsole.lifecycleIntro')}</p>
          <StepForm
            id="lifecycle"
            action={changeTenantStatusAction}
            errorSummaryTitle={t('onboarding.errorSummary')}
            submitLabel={t('platformConsole.changeStatus')}
            fields={[
              { name: 'slug', label: '', type: 'hidden', defaultValue: slug },
              { name: 'to', label: t('platformConsole.newStatus'), type: 'radios', options: transitions.map((s) => ({ value: s, label: t(`platformConsole.statuses.${s}`), hint: t(`platformConsole.statusHints.${s}`) })) },
              { name: 'reason', label: t('platformConsole.reason'), hint: t('platformConsole.reasonHint'), type: 'textarea', rows: 3 },
            ]}
          />
        </section>
      ) : null}

      {row.status !== 'provisioning' ? <BillingPanel t={t} tenantId={row.id} slug={slug} locale={locale} /> : null}

      {row.status === 'archived' ? (
        <section aria-labelledby="delete-heading" className="mb-10 border-4 border-error p-4">
          <h2 id="delete-heading" className="mb-2 text-2xl font-bold">
            {t('platformConsole.deleteHeading')}
          </h2>
          <p className="mb-4 max-w-2xl">{t('platformConsole.deleteWarning', { slug })}</p>
          <StepForm
            id="delete"
            action={deleteTenantAction}
            errorSummaryTitle={t('onboarding.errorSummary')}
            submitLabel={t('platformConsole.deleteSubmit')}
            fields={[
              { name: 'slug', label: '', type: 'hidden', defaultValue: slug },
              { name: 'confirmation', label: t('platformConsole.deleteConfirm', { slug }), type: 'text', autoComplete: 'off', spellCheck: false },
            ]}
          />
        </section>
      ) : null}

      <h2 className="mb-2 text-2xl font-bold">{t('platformConsole.historyHeading')}</h2>
      {events.length === 0 ? (
        <p>{t('platformConsole.noHistory')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse">
            <caption className="mb-2 text-start text-muted">{t('platformConsole.historyCaption')}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2 text-start">{t('platformConsole.when')}</th>
                <th scope="col" className="p-2 text-start">{t('platformConsole.event')}</th>
                <th scope="col" className="p-2 text-start">{t('platformConsole.details')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-b border-rule">
                  <td className="p-2">{formatDate(e.occurredAt, fmt, 'dateTime')}</td>
                  <td className="p-2 font-mono text-sm">{e.type}</td>
                  <td className="p-2 text-sm">
                    {typeof e.data.reason === 'string' ? `${String(e.data.from ?? '')} → ${String(e.data.to ?? '')}: ${e.data.reason}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
