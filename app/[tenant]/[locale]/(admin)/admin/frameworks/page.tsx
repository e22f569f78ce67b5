import { withTenant } from '@/db/with-tenant';
import { createFrameworkAction } from '@/modules/frameworks/actions';
import { listFrameworks } from '@/modules/frameworks/queries';
import { scheduleFields } from '@/modules/frameworks/schedule-fields';
import { StatusTag } from '@/modules/frameworks/timeline';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { localised } from '@/modules/i18n/localised';
import { LOCALE_NATIVE_NAMES, isShippedLocale } from '@/modules/i18n/locales';
import { requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm, type FormFieldSpec } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('frameworks.adminTitle');

export default async function AdminFrameworksPage({ params }: PageProps<'/[tenant]/[locale]/admin/frameworks'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  await requireTenantRole(ctx, ['tenant_admin', 'framework_manager', 'platform_admin']);
  const list = await withTenant(tenant, (tx) => listFrameworks(tx, tenant.config.timezone));
  const fallback = tenant.config.defaultLocale;
  const sources = [
    ...Object.entries(FRAMEWORK_TEMPLATES).map(([name, def]) => ({
      value: `template:${name}`,
      label: t('frameworks.fromTemplate', { name: localised(def.name as Record<string, string>, locale, fallback) }),
    })),
    ...list.map((f) => ({ value: `copy:${f.slug}`, label: t('frameworks.copyOf', { name: localised(f.name, locale, fallback) }) })),
  ];
  const fields: FormFieldSpec[] = [
    { name: 'source', label: t('frameworks.source'), type: 'radios', options: sources },
    { name: 'slug', label: t('frameworks.slug'), hint: t('frameworks.slugHint'), type: 'text', spellCheck: false, autoComplete: 'off' },
    ...tenant.config.locales.map((l) => ({
      name: `name.${l.code}`,
      label: t('frameworks.nameIn', { language: isShippedLocale(l.code) ? LOCALE_NATIVE_NAMES[l.code] : l.code }),
      type: 'text' as const,
    })),
    ...scheduleFields(t, tenant.config.timezone),
  ];
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/admin')}>{t('admin.title')}</a>
      </p>
      <PageHeading>{t('frameworks.adminTitle')}</PageHeading>
      {list.length === 0 ? (
        <p className="mb-8">{t('frameworks.none')}</p>
      ) : (
        <table className="mb-10 w-full border-collapse">
          <caption className="mb-2 text-start text-muted">{t('frameworks.adminCaption')}</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="p-2 text-start">{t('frameworks.name')}</th>
              <th scope="col" className="p-2 text-start">{t('frameworks.statusHeading')}</th>
              <th scope="col" className="p-2 text-start">{t('frameworks.version')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((f) => (
              <tr key={f.id} className="border-b border-rule">
                <td className="p-2">
                  <a href={ctx.href(`/admin/frameworks/${f.slug}`)}>{localised(f.name, locale, fallback)}</a>
                </td>
                <td className="p-2">
                  <StatusTag status={f.status} t={t} />
                  {f.statusOverride ? <span className="ms-2 text-sm">{t('frameworks.overridden')}</span> : null}
                </td>
                <td className="p-2">{f.definitionVersion}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="mb-4 text-2xl font-bold">{t('frameworks.createHeading')}</h2>
      <ActionForm action={createFrameworkAction} fields={fields} submitLabel={t('frameworks.create')} errorSummaryTitle={t('errors.summaryTitle')} id="create-framework" />
    </>
  );
}
