import { withTenant } from '@/db/with-tenant';
import { formatDate } from '@/modules/i18n/format';
import { LOCALE_NATIVE_NAMES, isShippedLocale, textDirection } from '@/modules/i18n/locales';
import { DEFAULT_TEXT_KEY, findGuidance, GUIDANCE_PAGES, isGuidancePage, listGuidance, TITLE_KEY } from '@/modules/opendata/guidance';
import { saveGuidanceAction } from '@/modules/opendata/guidance-actions';
import { GuidanceBody } from '@/modules/opendata/guidance-view';
import { MARKDOWN_MAX_LENGTH, renderMarkdown } from '@/modules/opendata/markdown';
import { requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';
import { tenantName } from '@/tenants/registry';

export const generateMetadata = titleFromKey('guidance.adminTitle');

/** Tenant administrators write the public guidance pages in Markdown, one text per page and language. */
export default async function GuidanceAdminPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/admin/guidance'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  await requireTenantRole(ctx, ['tenant_admin', 'platform_admin']);
  const query = await searchParams;
  const enabled = tenant.config.locales.map((l) => l.code as string);
  const page = typeof query.page === 'string' && isGuidancePage(query.page) ? query.page : null;
  const content = typeof query.content === 'string' && enabled.includes(query.content) ? query.content : locale;
  const { saved, current } = await withTenant(tenant, async (tx) => ({
    saved: await listGuidance(tx),
    current: page ? await findGuidance(tx, page, content) : null,
  }));
  const languageName = (code: string) => (isShippedLocale(code) ? LOCALE_NATIVE_NAMES[code] : code);
  const publicPath: Record<string, string> = { 'how-to-sell': '/how-to-sell', 'how-to-buy': '/how-to-buy', contact: '/contact', accessibility: '/accessibility' };
  return (
    <>
      <PageHeading>{t('guidance.adminTitle')}</PageHeading>
      <p className="mb-6 max-w-3xl">{t('guidance.adminIntro')}</p>
      <div className="mb-10 overflow-x-auto">
        <table className="w-full border-collapse">
          <caption className="mb-2 text-start text-muted">{t('guidance.adminCaption')}</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="p-2 text-start">{t('guidance.page')}</th>
              {enabled.map((code) => (
                <th key={code} scope="col" className="p-2 text-start" lang={code} dir={textDirection(code)}>
                  {languageName(code)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {GUIDANCE_PAGES.map((p) => (
              <tr key={p} className="border-b border-rule">
                <th scope="row" className="p-2 text-start font-normal">
                  <a href={ctx.href(publicPath[p])}>{t(TITLE_KEY[p])}</a>
                </th>
                {enabled.map((code) => {
                  const row = saved.find((s) => s.page === p && s.locale === code);
                  return (
                    <td key={code} className="p-2">
                      <a href={ctx.href(`/admin/guidance?page=${p}&content=${code}`)}>
                        {t('guidance.edit')}
                        <span className="sr-only"> {t(TITLE_KEY[p])} ({languageName(code)})</span>
                      </a>
                      <span className="block text-sm text-muted">{row ? t('guidance.updatedOn', { date: formatDate(row.updatedAt, fmt) }) : t('guidance.builtIn')}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page ? (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="mb-4 text-2xl font-bold">
            {t('guidance.editHeading', { page: t(TITLE_KEY[page]), language: languageName(content) })}
          </h2>
          <ActionForm
            id="guidance"
            action={saveGuidanceAction}
            submitLabel={t('guidance.save')}
            errorSummaryTitle={t('guidance.errorSummary')}
            fields={[
              { name: 'page', label: '', type: 'hidden', defaultValue: page },
              { name: 'content', label: '', type: 'hidden', defaultValue: content },
              {
                name: 'markdown',
                label: t('guidance.markdownLabel'),
                hint: t('guidance.markdownHint', { max: MARKDOWN_MAX_LENGTH.toLocaleString(fmt.format) }),
                type: 'textarea',
                rows: 18,
                spellCheck: true,
                lang: content,
                defaultValue: current?.markdown ?? t(DEFAULT_TEXT_KEY[page], { lng: content, name: tenantName(tenant, content) }),
              },
            ]}
          />
          <h2 className="mb-4 mt-10 text-2xl font-bold">{t('guidance.previewHeading')}</h2>
          <div className="border border-rule p-4" lang={content} dir={textDirection(content)}>
            <GuidanceBody html={renderMarkdown(current?.markdown ?? t(DEFAULT_TEXT_KEY[page], { lng: content, name: tenantName(tenant, content) }))} />
          </div>
        </section>
      ) : null}
    </>
  );
}
