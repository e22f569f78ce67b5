import { signOutAction } from '@/modules/auth/actions';
import type { TFunction } from '@/modules/i18n/server';

export interface NavLink {
  href: string;
  label: string;
}

/** Brand bar: logo and name on the tenant's primary colour, then the main navigation. */
export function SiteHeader(props: {
  t: TFunction;
  name: string;
  homeHref: string;
  logoSrc: string | null;
  links: NavLink[];
  signedIn: boolean;
  /** A notice shown under the brand bar, inside the banner landmark (e.g. demonstration mode). */
  notice?: string;
}) {
  const { t } = props;
  return (
    <header className="bg-brand text-brand-text">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <a href={props.homeHref} className="flex items-center gap-3 text-xl font-bold text-brand-text no-underline">
          {props.logoSrc ? (
            // eslint-disable-next-line @next/next/no-img-element -- tenant logos are served by our own route
            <img src={props.logoSrc} alt="" width={40} height={40} className="h-10 w-10 rounded bg-white p-1" />
          ) : null}
          <span>{props.name}</span>
        </a>
        <nav aria-label={t('layout.mainNav')}>
          <ul className="flex flex-wrap items-center gap-4">
            {props.links.map((link) => (
              <li key={link.href}>
                <a href={link.href} className="text-brand-text">
                  {link.label}
                </a>
              </li>
            ))}
            {props.signedIn ? (
              <li>
                <form action={signOutAction}>
                  <button type="submit" className="cursor-pointer text-brand-text underline underline-offset-2">
                    {t('nav.signOut')}
                  </button>
                </form>
              </li>
            ) : null}
          </ul>
        </nav>
      </div>
      {props.notice ? <p className="bg-amber-100 px-4 py-1 text-center text-sm text-ink">{props.notice}</p> : null}
    </header>
  );
}
