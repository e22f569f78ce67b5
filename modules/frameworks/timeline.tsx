import { formatDate, type FormatSettings } from '@/modules/i18n/format';
import type { TFunction } from '@/modules/i18n/server';
import { scheduleInstants, type TFrameworkSchedule } from './lifecycle';

const CLOSING = new Set(['clarificationsClose', 'applicationsClose']);

/** The framework's key dates in the tenant's zone; closing moments include the time of day. */
export function FrameworkTimeline({ schedule, t, fmt }: { schedule: TFrameworkSchedule; t: TFunction; fmt: FormatSettings }) {
  const instants = scheduleInstants(schedule, fmt.timezone);
  return (
    <dl className="grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
      {(Object.keys(instants) as (keyof typeof instants)[]).map((key) => (
        <div key={key} className="contents">
          <dt className="font-bold">{t(`frameworks.dates.${key}`)}</dt>
          <dd>{formatDate(instants[key], fmt, CLOSING.has(key) ? 'dateTime' : 'date')}</dd>
        </div>
      ))}
    </dl>
  );
}

export function StatusTag({ status, t }: { status: string; t: TFunction }) {
  const tone = status === 'open' || status === 'live' ? 'bg-green-800 text-white' : status === 'expired' ? 'bg-gray-600 text-white' : 'bg-amber-100 text-ink';
  return <strong data-testid="framework-status" className={`inline-block px-2 py-0.5 text-sm uppercase tracking-wide ${tone}`}>{t(`frameworks.status.${status}`)}</strong>;
}
