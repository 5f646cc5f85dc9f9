/** Calendar days in a time zone (api/insights/days.ts): Tehran (no daylight saving since 2022), Berlin across both changes. */
import { describe, expect, test } from 'vitest';
import { dayIn, startOfDay, validTimeZone } from '../../api/insights/days.ts';

describe('days in a time zone', () => {
  const starts: Array<[string, string, string]> = [
    ['UTC', '2026-11-22', '2026-11-22T00:00:00.000Z'],
    ['Asia/Tehran', '2026-11-22', '2026-11-21T20:30:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['Europe/Berlin', '2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00.000Z'],
    ['Europe/Berlin', '2026-10-26', '2026-10-25T23:00:00.000Z'],
    ['America/New_York', '2026-11-22', '2026-11-22T05:00:00.000Z'],
  ];
  for (const [zone, day, instant] of starts) {
    test(`${day} starts at ${instant} in ${zone}`, () => {
      expect(new Date(startOfDay(day, zone)).toISOString()).toBe(instant);
      expect(dayIn(startOfDay(day, zone), zone)).toBe(day);
      expect(dayIn(startOfDay(day, zone) - 1, zone)).not.toBe(day);
    });
  }

  test('an evening in UTC is the next day in Tehran', () => {
    expect(dayIn(Date.parse('2026-11-21T20:29:59.999Z'), 'Asia/Tehran')).toBe('2026-11-21');
    expect(dayIn(Date.parse('2026-11-21T20:30:00.000Z'), 'Asia/Tehran')).toBe('2026-11-22');
  });

  test('zone names are checked and canonicalised by Intl', () => {
    expect(validTimeZone('asia/tehran')).toBe('Asia/Tehran');
    expect(validTimeZone('UTC')).toBe('UTC');
    expect(validTimeZone('Mars/Olympus_Mons')).toBeNull();
  });
});
