import { describe, expect, it } from 'vitest';
import { canChangeApplication, deriveFrameworkStatus, scheduleInstants, supplierDeadline, ZFrameworkSchedule } from '@/modules/frameworks/lifecycle';
import { zonedTimeToInstant } from '@/modules/frameworks/zoned-time';

// Spans the UK clocks going forward (29 March 2026) and back (25 October 2026).
const schedule = ZFrameworkSchedule.parse({
  applicationsOpen: '2026-03-02',
  clarificationsClose: '2026-03-20',
  applicationsClose: '2026-03-30',
  intentionToAward: '2026-05-04',
  live: '2026-05-18',
  expires: '2026-10-26',
  deadlineTime: '17:00',
});
const at = (iso: string) => new Date(iso);

describe('framework status is derived from dates in the tenant time zone', () => {
  it('walks through every status', () => {
    const zone = 'Europe/London';
    expect(deriveFrameworkStatus(schedule, zone, at('2026-03-01T23:59:59Z'))).toBe('coming');
    expect(deriveFrameworkStatus(schedule, zone, at('2026-03-02T00:00:00Z'))).toBe('open');
    expect(deriveFrameworkStatus(schedule, zone, at('2026-04-01T00:00:00Z'))).toBe('pending');
    expect(deriveFrameworkStatus(schedule, zone, at('2026-05-10T00:00:00Z'))).toBe('standstill');
    expect(deriveFrameworkStatus(schedule, zone, at('2026-06-01T00:00:00Z'))).toBe('live');
    expect(deriveFrameworkStatus(schedule, zone, at('2026-10-26T00:00:00Z'))).toBe('expired');
  });

  it('closes at 17:00 summer time the day after the clocks go forward (16:00 UTC), to the second', () => {
    const zone = 'Europe/London';
    expect(scheduleInstants(schedule, zone).applicationsClose.toISOString()).toBe('2026-03-30T16:00:00.000Z');
    expect(deriveFrameworkStatus(schedule, zone, at('2026-03-30T15:59:59Z'))).toBe('open');
    expect(deriveFrameworkStatus(schedule, zone, at('2026-03-30T16:00:00Z'))).toBe('pending');
    expect(canChangeApplication(schedule, zone, at('2026-03-30T15:59:59.999Z'))).toBe(true);
    expect(canChangeApplication(schedule, zone, at('2026-03-30T16:00:00Z'))).toBe(false);
  });

  it('expires at local midnight after the clocks go back (00:00 GMT)', () => {
    expect(scheduleInstants(schedule, 'Europe/London').expires.toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('the same dates mean different instants in another tenant zone', () => {
    expect(scheduleInstants(schedule, 'America/Santiago').applicationsClose.toISOString()).toBe('2026-03-30T20:00:00.000Z');
    expect(deriveFrameworkStatus(schedule, 'America/Santiago', at('2026-03-30T19:00:00Z'))).toBe('open');
  });

  it('a manual override wins over the dates', () => {
    expect(deriveFrameworkStatus(schedule, 'Europe/London', at('2026-03-10T12:00:00Z'), 'pending')).toBe('pending');
  });

  it('a supplier extension moves only that supplier’s deadline later, never earlier', () => {
    const zone = 'Europe/London';
    const extension = at('2026-04-02T16:00:00Z');
    expect(supplierDeadline(schedule, zone, extension)).toEqual(extension);
    expect(canChangeApplication(schedule, zone, at('2026-04-01T10:00:00Z'), extension)).toBe(true);
    expect(supplierDeadline(schedule, zone, at('2026-03-01T00:00:00Z')).toISOString()).toBe('2026-03-30T16:00:00.000Z');
  });

  it('refuses dates out of order', () => {
    const result = ZFrameworkSchedule.safeParse({ ...schedule, live: '2026-05-01' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['live']);
  });
});

describe('wall-clock time in a zone', () => {
  it('handles gaps and overlaps', () => {
    // 01:30 does not exist in London on 29 March 2026: it moves forward by the hour.
    expect(zonedTimeToInstant('2026-03-29', '01:30', 'Europe/London').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 01:30 happens twice on 25 October 2026: the first (BST) one is taken.
    expect(zonedTimeToInstant('2026-10-25', '01:30', 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // Chile: midnight does not exist on 6 September 2026.
    expect(zonedTimeToInstant('2026-09-06', '00:00', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });
});
