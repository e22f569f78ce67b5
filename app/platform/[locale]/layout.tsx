import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import '@/app/globals.css';
import { isShippedLocale, textDirection } from '@/modules/i18n/locales';
import { getTranslator } from '@/modules/i18n/server';

export async function generateMetadata({ params }: LayoutProps<'/platform/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  if (!isShippedLocale(locale)) return {};
  return { title: getTranslator(locale)('platform.title') };
}

/** Root layout of the operator's site on the root domain. */
export default async function PlatformLayout({ children, params }: LayoutProps<'/platform/[locale]'>) {
  const { locale } = await params;
  if (!isShippedLocale(locale)) notFound();
  const t = getTranslator(locale);
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <body className="flex min-h-screen flex-col">
        <a href="#main-content" className="skip-link bg-focus text-ink">
          {t('layout.skipLink')}
        </a>
        <header className="bg-ink text-white">
          <div className="mx-auto max-w-5xl px-4 py-4">
            <a href={`/platform/${locale}`} className="text-xl font-bold text-white no-underline">
              {t('platform.title')}
            </a>
          </div>
        </header>
        <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-rule bg-gray-100">
          <p className="mx-auto max-w-5xl px-4 py-6 text-sm text-muted">{t('layout.poweredBy')}</p>
        </footer>
      </body>
    </html>
  );
}
