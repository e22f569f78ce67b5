import type { TFunction } from '@/modules/i18n/server';
import type { NavLink } from './site-header';

export function SiteFooter(props: { t: TFunction; links: NavLink[] }) {
  return (
    <footer className="mt-16 border-t-4 border-brand bg-gray-100">
      <div className="mx-auto max-w-5xl px-4 py-8 text-sm">
        {props.links.length > 0 ? (
          <nav aria-label={props.t('layout.footerNav')}>
            <ul className="mb-4 flex flex-wrap gap-4">
              {props.links.map((link) => (
                <li key={link.href + link.label}>
                  <a href={link.href}>{link.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <p className="text-muted">{props.t('layout.poweredBy')}</p>
      </div>
    </footer>
  );
}
