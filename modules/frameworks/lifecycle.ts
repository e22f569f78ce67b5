import { z } from 'zod';
import { zonedTimeToInstant } from './zoned-time';

/*
 * A framework's status is derived from its dates in the tenant's time zone, never set by hand; an audited
 * manual override can pin it (e.g. to pause a framework), and a supplier may be given a later deadline.
 */

export const FRAMEWORK_STATUSES = ['coming', 'open', 'pending', 'standstill', 'live', 'expired'] as const;
export type FrameworkStatus = (typeof FRAMEWORK_STATUSES)[number];

const isoDate = z.iso.date();

export const ZFrameworkSchedule = z
  .object({
    applicationsOpen: isoDate,
    clarificationsClose: isoDate,
    applicationsClose: isoDate,
    intentionToAward: isoDate,
    live: isoDate,
    expires: isoDate,
    /** Wall-clock time at which closing dates close, in the tenant's zone. */
    deadlineTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('17:00'),
  })
  .superRefine((s, ctx) => {
    const order: (keyof typeof s)[] = ['applicationsOpen', 'clarificationsClose', 'applicationsClose', 'intentionToAward', 'live', 'expires'];
    for (let i = 1; i < order.length; i++) {
      const before = order[i - 1]!;
      const after = order[i]!;
      if (s[after] < s[before]) ctx.addIssue({ code: 'custom', path: [after], message: 'frameworks.dateOrder', params: { before, after } });
    }
  });
export type TFrameworkSchedule = z.infer<typeof ZFrameworkSchedule>;

/** Milestones as instants: closing dates at the deadline time, the others at the start of their day. */
export function scheduleInstants(schedule: TFrameworkSchedule, timeZone: string) {
  const at = (date: string, time: string) => zonedTimeToInstant(date, time, timeZone);
  return {
    applicationsOpen: at(schedule.applicationsOpen, '00:00'),
    clarificationsClose: at(schedule.clarificationsClose, schedule.deadlineTime),
    applicationsClose: at(schedule.applicationsClose, schedule.deadlineTime),
    intentionToAward: at(schedule.intentionToAward, '00:00'),
    live: at(schedule.live, '00:00'),
    expires: at(schedule.expires, '00:00'),
  };
}

export function deriveFrameworkStatus(
  schedule: TFrameworkSchedule,
  timeZone: string,
  now: Date,
  override?: FrameworkStatus | null,
): FrameworkStatus {
  if (override) return override;
  const t = scheduleInstants(schedule, timeZone);
  const ms = now.getTime();
  if (ms < t.applicationsOpen.getTime()) return 'coming';
  if (ms < t.applicationsClose.getTime()) return 'open';
  if (ms < t.intentionToAward.getTime()) return 'pending';
  if (ms < t.live.getTime()) return 'standstill';
  if (ms < t.expires.getTime()) return 'live';
  return 'expired';
}

/** The moment a supplier's application stops being editable, counting any extension granted to them. */
export function supplierDeadline(schedule: TFrameworkSchedule, timeZone: string, extendedUntil?: Date | null): Date {
  const close = scheduleInstants(schedule, timeZone).applicationsClose;
  return extendedUntil && extendedUntil > close ? extendedUntil : close;
}

/** Applications may change strictly before the deadline; at the deadline second they are closed. */
export function canChangeApplication(schedule: TFrameworkSchedule, timeZone: string, now: Date, extendedUntil?: Date | null): boolean {
  const open = scheduleInstants(schedule, timeZone).applicationsOpen;
  return now >= open && now < supplierDeadline(schedule, timeZone, extendedUntil);
}
