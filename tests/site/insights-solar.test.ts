/** The Solar Hijri days of the insights page's fields (site/insights/solar.ts) and the range check (format.ts). */
import { describe, expect, test } from 'vitest';
import { MAX_RANGE_DAYS } from '../../api/insights/routes.ts';
import { checkRange, formatDay, INSIGHTS_MAX_DAYS, presetRange } from '../../site/insights/format.ts';
import {
  addDays,
  asciiDigits,
  formatSolarInput,
  fromSolar,
  parseSolarInput,
  shiftSolarMonth,
  solarMonthLength,
  solarWeekday,
  toSolar,
} from '../../site/insights/solar.ts';

describe('Solar Hijri days', () => {
  test('known days: Nowruz, the last day of a leap Esfand, today', () => {
    expect(toSolar('2026-11-22')).toEqual({ year: 1405, month: 9, day: 1 });
    expect(toSolar('2025-03-21')).toEqual({ year: 1404, month: 1, day: 1 });
    expect(toSolar('2025-03-20')).toEqual({ year: 1403, month: 12, day: 30 });
    expect(fromSolar({ year: 1405, month: 9, day: 1 })).toBe('2026-11-22');
    expect(fromSolar({ year: 1403, month: 12, day: 30 })).toBe('2025-03-20');
  });

  test('every day from 1990 to 2050 goes to the Solar Hijri calendar and back, and agrees with the page\'s dates', () => {
    const wrong: string[] = [];
    for (let day = '1990-01-01'; day <= '2050-12-31'; day = addDays(day, 1)) {
      const solar = toSolar(day);
      if (fromSolar(solar) !== day) wrong.push(day);
    }
    expect(wrong).toEqual([]);
    // The field and formatDay() name the same day: ۱۴۰۵/۰۹/۰۱ is "۱ آذر ۱۴۰۵".
    expect(formatSolarInput('2026-11-22')).toBe('۱۴۰۵/۰۹/۰۱');
    expect(formatDay(parseSolarInput('۱۴۰۵/۰۹/۰۱')!, 'fa')).toBe('۱ آذر ۱۴۰۵');
  });

  test('days that are not in the calendar', () => {
    expect(fromSolar({ year: 1404, month: 12, day: 30 })).toBeNull(); // 1404 is not a leap year
    expect(fromSolar({ year: 1405, month: 7, day: 31 })).toBeNull(); // Mehr has 30 days
    expect(fromSolar({ year: 1405, month: 13, day: 1 })).toBeNull();
    expect(fromSolar({ year: 1405, month: 0, day: 1 })).toBeNull();
    expect(fromSolar({ year: 1405, month: 1, day: 0 })).toBeNull();
    expect(fromSolar({ year: 1405.5, month: 1, day: 1 })).toBeNull();
  });

  test('month lengths: 31 days for the first six months, 30 for the next five, 29 or 30 for Esfand', () => {
    expect([1, 6, 7, 11].map((month) => solarMonthLength(1405, month))).toEqual([31, 31, 30, 30]);
    expect(solarMonthLength(1403, 12)).toBe(30);
    expect(solarMonthLength(1404, 12)).toBe(29);
    expect(solarMonthLength(1408, 12)).toBe(30);
  });

  test('months shift across years, and weeks start on Saturday', () => {
    expect(shiftSolarMonth({ year: 1405, month: 12, day: 17 }, 1)).toEqual({ year: 1406, month: 1, day: 1 });
    expect(shiftSolarMonth({ year: 1405, month: 1, day: 17 }, -1)).toEqual({ year: 1404, month: 12, day: 1 });
    expect(shiftSolarMonth({ year: 1405, month: 9, day: 1 }, -12)).toEqual({ year: 1404, month: 9, day: 1 });
    expect(solarWeekday('2026-11-21')).toBe(0); // Saturday, 30 Aban 1405
    expect(solarWeekday('2026-11-27')).toBe(6); // Friday
  });
});

describe('what a Persian reader types', () => {
  test('Persian, Arabic and ASCII digits, with or without leading zeros, and the usual separators', () => {
    for (const text of ['۱۴۰۵/۰۹/۰۱', '۱۴۰۵/۹/۱', '1405/09/01', '1405-9-1', '١٤٠٥/٩/١', ' ۱۴۰۵ ۹ ۱ ', '۱۴۰۵.۰۹.۰۱', '۱۴۰۵٫۹٫۱', '\u200f۱۴۰۵/۹/۱\u200f']) {
      expect(parseSolarInput(text), text).toBe('2026-11-22');
    }
  });

  test('anything else is not a day', () => {
    for (const text of ['', '۱۴۰۵', '۱۴۰۵/۹', '۹/۱/۱۴۰۵', '1405/13/01', '1404/12/30', 'فردا', '2026-11-22T00:00', '۱۴۰۵//۹/۱']) {
      expect(parseSolarInput(text), text).toBeNull();
    }
  });

  test('digits', () => {
    expect(asciiDigits('۱۲۳٤٥٦ 789')).toBe('123456 789');
  });
});

describe('the range check before asking the API', () => {
  const today = '2026-11-22';
  test('a good range has no problems', () => {
    expect(checkRange('2026-10-24', today, today)).toEqual({});
    expect(checkRange(today, today, today)).toEqual({});
  });

  test('each field is a day, not after today', () => {
    expect(checkRange(null, today, today)).toEqual({ from: 'dayInvalid' });
    expect(checkRange('2026-11-01', '', today)).toEqual({ to: 'dayInvalid' });
    expect(checkRange('2026-11-01', '2026-11-23', today)).toEqual({ to: 'dayFuture' });
  });

  test('"from" not after "to", and at most as many days as the API reports on', () => {
    expect(INSIGHTS_MAX_DAYS).toBe(MAX_RANGE_DAYS);
    expect(checkRange('2026-11-20', '2026-11-10', today)).toEqual({ from: 'rangeOrder' });
    expect(checkRange(addDays(today, -(INSIGHTS_MAX_DAYS - 1)), today, today)).toEqual({});
    expect(checkRange(addDays(today, -INSIGHTS_MAX_DAYS), today, today)).toEqual({ from: 'rangeTooLong' });
  });
});

describe('quick ranges', () => {
  test('the last 7, 30 and 90 days end today, both ends included', () => {
    expect(presetRange('days7', '2026-11-22', 'en')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetRange('days30', '2026-11-22', 'fa')).toEqual({ from: '2026-10-24', to: '2026-11-22' });
    expect(presetRange('days90', '2026-03-01', 'en')).toEqual({ from: '2025-12-02', to: '2026-03-01' });
  });

  test('"this month" is the Solar Hijri month in fa and the Gregorian one in en', () => {
    expect(presetRange('month', '2026-11-22', 'en')).toEqual({ from: '2026-11-01', to: '2026-11-22' });
    expect(presetRange('month', '2026-11-22', 'fa')).toEqual({ from: '2026-11-22', to: '2026-11-22' }); // 1 Azar
    expect(presetRange('month', '2026-12-10', 'fa')).toEqual({ from: '2026-11-22', to: '2026-12-10' }); // 19 Azar
    expect(presetRange('month', '2026-03-21', 'fa')).toEqual({ from: '2026-03-21', to: '2026-03-21' }); // 1 Farvardin 1405
  });
});
