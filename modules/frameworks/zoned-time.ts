/*
 * Local wall-clock time in an IANA zone → instant, with Intl only (Node 20 has no Temporal). Two passes of the
 * offset lookup settle DST changes; a time that does not exist (spring-forward gap) moves forward by the gap,
 * and an ambiguous one (fall-back) resolves to its first occurrence.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at this instant. */
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wallAsUtc = Date.UTC(y, m - 1, d, hh, mm);
  // The zone's offsets a day either side cover any DST change near this wall time.
  const before = zoneOffsetMinutes(wallAsUtc - 86_400_000, timeZone);
  const after = zoneOffsetMinutes(wallAsUtc + 86_400_000, timeZone);
  const valid = [before, after]
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((instant) => wallAsUtc - zoneOffsetMinutes(instant, timeZone) * 60_000 === instant);
  if (valid.length > 0) return new Date(Math.min(...valid));
  // In a spring-forward gap: the wall time does not exist, so use the offset from before the change.
  return new Date(wallAsUtc - before * 60_000);
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
