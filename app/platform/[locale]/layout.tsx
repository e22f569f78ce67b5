import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import '@/app/globals.css';
import { isShippedLocale, textDirection } from '@/modules/i18n/locales';
import { getTranslator } from '@/modules/i18n/server';
import { signOutAction } from '@/modules/auth/actions';
import { devOutboxEnabled } from '@/modules/notifications/send-mail';
import { isDemoMode, rolesHere, signedInUser } from '@/modules/tenancy/context';

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
  const user = await signedInUser();
  const isOperator = user ? (await rolesHere(user.id, null)).includes('platform_admin') : false;
  const links: { href: string; label: string }[] = [];
  if (isOperator) links.push({ href: `/platform/${locale}/console`, label: t('platformConsole.navConsole') });
  if (!user) links.push({ href: `/platform/${locale}/sign-in`, label: t('nav.signIn') });
  if (isDemoMode() && devOutboxEnabled()) links.push({ href: `/platform/${locale}/dev/outbox`, label: t('nav.devOutbox') });
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <body className="flex min-h-screen flex-col">
        <a href="#main-content" className="skip-link bg-focus text-ink">
          {t('layout.skipLink')}
        </a>
        <header className="bg-ink text-white">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
            <a href={`/platform/${locale}`} className="text-xl font-bold text-white no-underline">
              {t('platform.title')}
            </a>
            <nav aria-label={t('layout.mainNav')}>
              <ul className="flex flex-wrap items-center gap-4">
                {links.map((link) => (
                  <li key={link.href}>
                    <a href={link.href} className="text-white">
                      {link.label}
                    </a>
                  </li>
                ))}
                {user ? (
                  <li>
                    <form action={signOutAction}>
                      <button type="submit" className="cursor-pointer text-white underline underline-offset-2">
                        {t('nav.signOut')}
                      </button>
                    </form>
                  </li>
                ) : null}
              </ul>
            </nav>
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
