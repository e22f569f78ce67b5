import type { TFunction } from '@/modules/i18n/server';
import { LOCALE_NATIVE_NAMES, isShippedLocale, textDirection } from '@/modules/i18n/locales';

/** Links to the same page in each enabled language (the page path comes from the proxy). */
export function LanguageSwitcher(props: {
  t: TFunction;
  current: string;
  enabled: string[];
  basePath: string;
  pagePath: string;
}) {
  if (props.enabled.length < 2) return null;
  return (
    <nav aria-label={props.t('layout.languageNav')} className="mx-auto max-w-5xl px-4 pt-2 text-sm">
      <ul className="flex justify-end gap-3">
        {props.enabled.map((code) => {
          const label = isShippedLocale(code) ? LOCALE_NATIVE_NAMES[code] : code;
          return (
            <li key={code}>
              {code === props.current ? (
                <span aria-current="true" className="font-bold">
                  <span className="sr-only">{props.t('layout.currentLanguage')}: </span>
                  {label}
                </span>
              ) : (
                <a href={`${props.basePath}/${code}${props.pagePath}`} lang={code} dir={textDirection(code)} hrefLang={code}>
                  {label}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
