import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('tenantSettings.accessibilityHeading');

/** The marketplace's own accessibility statement, as its administrators wrote it (plain text, paragraphs). */
export default async function AccessibilityStatementPage({ params }: PageProps<'/[tenant]/[locale]/accessibility'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const statements = (ctx.tenant.config.accessibilityStatement ?? {}) as Record<string, string | undefined>;
  const text = statements[locale] ?? statements[ctx.tenant.config.defaultLocale];
  if (!text) pageNotFound(ctx);
  return (
    <>
      <PageHeading>{ctx.t('tenantSettings.accessibilityHeading')}</PageHeading>
      <div className="max-w-3xl space-y-4" data-testid="accessibility-statement">
        {text.split(/\n\s*\n/).map((p, i) => (
          <p key={i} className="whitespace-pre-line">
            {p}
          </p>
        ))}
      </div>
    </>
  );
}
