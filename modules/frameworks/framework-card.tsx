import { formatDate, type FormatSettings } from '@/modules/i18n/format';
import { localised } from '@/modules/i18n/localised';
import type { TFunction } from '@/modules/i18n/server';
import { scheduleInstants } from './lifecycle';
import type { Framework } from './queries';
import { StatusTag } from './timeline';

/** A framework in a list: name, derived status, and the date that matters now (closing or expiry). */
export function FrameworkCard(props: { framework: Framework; href: string; t: TFunction; fmt: FormatSettings; locale: string; fallback: string; headingLevel: 2 | 3 }) {
  const { framework: f, t, fmt } = props;
  const dates = scheduleInstants(f.schedule, fmt.timezone);
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="border border-rule p-4">
      <Heading className="mb-1 text-lg font-bold">
        <a href={props.href}>{localised(f.name, props.locale, props.fallback)}</a>
      </Heading>
      <p className="mb-1">
        <StatusTag status={f.status} t={t} />
      </p>
      <p className="text-sm text-muted">
        {f.status === 'open' || f.status === 'coming'
          ? t('frameworks.closesOn', { date: formatDate(dates.applicationsClose, fmt, 'dateTime') })
          : t('frameworks.runsUntil', { date: formatDate(dates.expires, fmt) })}
      </p>
    </li>
  );
}
