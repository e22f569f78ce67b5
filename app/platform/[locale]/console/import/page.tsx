import { requirePlatformAdmin } from '@/modules/onboarding/platform-context';
import { ErrorSummary } from '@/modules/ui/error-summary';
import { PageHeading } from '@/modules/ui/page-heading';

const ERRORS = new Set(['fileMissing', 'invalidArchive', 'slugTaken', 'unknownTable', 'newerSchema', 'assetRejected', 'invalidSlug', 'tooLarge', 'notFound']);

/** Import a tenant export under a new slug. Posts to a route handler (exports can exceed a server action's 1 MB). */
export default async function ImportTenantPage({ params, searchParams }: PageProps<'/platform/[locale]/console/import'>) {
  const { locale } = await params;
  const ctx = await requirePlatformAdmin(locale, '/console/import');
  const { t } = ctx;
  const sp = await searchParams;
  const error = typeof sp.error === 'string' && ERRORS.has(sp.error) ? sp.error : null;
  const slug = typeof sp.slug === 'string' ? sp.slug.slice(0, 40) : '';
  const field = error === 'slugTaken' || error === 'invalidSlug' ? 'import-slug' : 'import-archive';
  const message = error ? t(`platformConsole.importErrors.${error}`) : null;
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/console')}>{t('platformConsole.backToList')}</a>
      </p>
      <PageHeading>{t('platformConsole.importTitle')}</PageHeading>
      <p className="mb-6 max-w-2xl">{t('platformConsole.importIntro')}</p>
      <form method="post" action="/api/platform/tenants/import" encType="multipart/form-data" className="max-w-2xl">
        <ErrorSummary title={t('onboarding.errorSummary')} errors={message ? [{ fieldId: field, message }] : []} />
        <input type="hidden" name="locale" value={locale} />
        <div className={`mb-6 ${message && field === 'import-archive' ? 'border-s-4 border-error ps-4' : ''}`}>
          <label htmlFor="import-archive" className="mb-1 block text-lg font-bold">
            {t('platformConsole.importFile')}
          </label>
          {message && field === 'import-archive' ? <p id="import-archive-error" className="mb-2 font-bold text-error">{message}</p> : null}
          <input id="import-archive" name="archive" type="file" accept="application/json" className="border-2 border-ink p-2" aria-describedby={message && field === 'import-archive' ? 'import-archive-error' : undefined} />
        </div>
        <div className={`mb-6 ${message && field === 'import-slug' ? 'border-s-4 border-error ps-4' : ''}`}>
          <label htmlFor="import-slug" className="mb-1 block text-lg font-bold">
            {t('platformConsole.importSlug')}
          </label>
          <p id="import-slug-hint" className="mb-2 text-muted">{t('onboarding.hints.slug')}</p>
          {message && field === 'import-slug' ? <p id="import-slug-error" className="mb-2 font-bold text-error">{message}</p> : null}
          <input id="import-slug" name="slug" type="text" defaultValue={slug} spellCheck={false} className="w-full border-2 border-ink p-2" aria-describedby={`import-slug-hint${message && field === 'import-slug' ? ' import-slug-error' : ''}`} />
        </div>
        <button type="submit" className="cursor-pointer bg-ink px-5 py-2 text-lg font-bold text-white">
          {t('platformConsole.importSubmit')}
        </button>
      </form>
    </>
  );
}
