import { formatDate } from '@/modules/i18n/format';
import { GuidanceBody, loadGuidanceHtml } from '@/modules/opendata/guidance-view';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';
import { tenantName } from '@/tenants/registry';

export const generateMetadata = titleFromKey('guidance.titles.accessibility');

/*
 * Accessibility statement in the GOV.UK model format: the fixed sections (scope, what you should be able to do,
 * feedback and contact, preparation) are the platform's; how accessible the site is, compliance status,
 * non-accessible content and the enforcement procedure are the tenant's own text, written per language.
 */
export default async function AccessibilityStatementPage({ params }: PageProps<'/[tenant]/[locale]/accessibility'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const name = tenantName(tenant, locale);
  const { html, updatedAt } = await loadGuidanceHtml(ctx, 'accessibility');
  const abilities = ['colours', 'zoom', 'keyboard', 'speech', 'screenReader'] as const;
  return (
    <>
      <PageHeading>{t('guidance.a11y.heading', { name })}</PageHeading>
      <p className="mb-4 max-w-3xl">{t('guidance.a11y.appliesTo', { name })}</p>
      <p className="mb-4 max-w-3xl">{t('guidance.a11y.intro')}</p>
      <ul className="mb-4 max-w-3xl list-disc ps-6">
        {abilities.map((a) => (
          <li key={a}>{t(`guidance.a11y.abilities.${a}`)}</li>
        ))}
      </ul>
      <p className="mb-8 max-w-3xl">{t('guidance.a11y.plainLanguage')}</p>
      <GuidanceBody html={html} />
      <h2 className="mb-3 mt-8 text-2xl font-bold">{t('guidance.a11y.feedbackHeading')}</h2>
      <p className="mb-4 max-w-3xl">
        {t('guidance.a11y.feedback')}{' '}
        {tenant.config.contactEmail ? <a href={`mailto:${tenant.config.contactEmail}`}>{tenant.config.contactEmail}</a> : <a href={ctx.href('/contact')}>{t('guidance.titles.contact')}</a>}
      </p>
      <h2 className="mb-3 mt-8 text-2xl font-bold">{t('guidance.a11y.preparationHeading')}</h2>
      <p className="max-w-3xl">
        {updatedAt ? t('guidance.a11y.reviewed', { date: formatDate(updatedAt, fmt) }) : t('guidance.a11y.notReviewed')}
      </p>
    </>
  );
}
