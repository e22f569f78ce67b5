import type { TTenantConfig } from '@/tenants/config-schema';
import { localDate, zonedTimeToInstant } from '@/modules/frameworks/zoned-time';

export type OpportunityRules = TTenantConfig['opportunityRules'];

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Closing dates per the tenant's rules: the opportunity closes `days` calendar days after publication (in the
 * tenant's zone) at the deadline time; questions close `questionsCloseDaysBefore` days before that, same time.
 */
export function closingDates(publishedAt: Date, lengthDays: number, rules: OpportunityRules, timeZone: string): { closesAt: Date; questionsCloseAt: Date } | null {
  const length = rules.lengths.find((l) => l.days === lengthDays);
  if (!length) return null;
  const publishedOn = localDate(publishedAt, timeZone);
  const closesOn = addDays(publishedOn, length.days);
  const questionsCloseOn = addDays(closesOn, -length.questionsCloseDaysBefore);
  return {
    closesAt: zonedTimeToInstant(closesOn, rules.deadlineTime, timeZone),
    questionsCloseAt: zonedTimeToInstant(questionsCloseOn, rules.deadlineTime, timeZone),
  };
}
