/**
 * Calendar days in a time zone, for the per-day funnel and for date-only report ranges. The support team of a
 * Persian help center reads its days in Asia/Tehran, not UTC. Intl only (runtime-neutral); zones with daylight
 * saving time are handled by checking the offset at the computed instant.
 */

/** The zone's name if Intl knows it, else null. */
export function validTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, format);
  }
  return format;
}

function parts(time: number, zone: string): Record<string, number> {
  return Object.fromEntries(formatter(zone).formatToParts(new Date(time)).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

/** The calendar day of an instant in the zone, "YYYY-MM-DD". */
export function dayIn(time: number, zone: string): string {
  if (zone === 'UTC') return new Date(time).toISOString().slice(0, 10);
  const p = parts(time, zone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(time: number, zone: string): number {
  const p = parts(time, zone);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(time / 1000) * 1000;
}

/** The instant a "YYYY-MM-DD" day starts in the zone. */
export function startOfDay(day: string, zone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00.000Z`);
  if (zone === 'UTC') return utcMidnight;
  const guess = utcMidnight - offsetAt(utcMidnight, zone);
  // Across a daylight-saving change the offset at the guess differs; one correction settles it.
  return utcMidnight - offsetAt(guess, zone);
}
