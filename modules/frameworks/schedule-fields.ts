import type { TFunction } from '@/modules/i18n/server';
import type { FormFieldSpec } from '@/modules/ui/action-form';
import type { TFrameworkSchedule } from './lifecycle';

const DATE_FIELDS = ['applicationsOpen', 'clarificationsClose', 'applicationsClose', 'intentionToAward', 'live', 'expires'] as const;

/** The date fields of a framework, shared by the create and schedule forms. */
export function scheduleFields(t: TFunction, timezone: string, current?: Partial<TFrameworkSchedule>): FormFieldSpec[] {
  const legend = t('frameworks.datesLegend', { timezone });
  return [
    ...DATE_FIELDS.map((name) => ({ name, label: t(`frameworks.dates.${name}`), type: 'date' as const, defaultValue: current?.[name], group: legend })),
    {
      name: 'deadlineTime',
      label: t('frameworks.deadlineTime'),
      hint: t('frameworks.deadlineTimeHint'),
      type: 'time' as const,
      defaultValue: current?.deadlineTime ?? '17:00',
      group: legend,
    },
  ];
}
