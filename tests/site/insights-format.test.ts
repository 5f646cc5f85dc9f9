/** The insights page's pure helpers (site/insights/format.ts): digits, calendars, ranges, the query and file names. */
import { describe, expect, test } from 'vitest';
import { LOCALE_INFO } from '../../site/i18n/locales.ts';
import { daysBetween, dayIn, defaultRange, fileNameFrom, formatCount, formatDay, formatRatio, formatShare, insightsQuery, outboxNeedsWarning, PAGE_LOCALES, timeZoneFor } from '../../site/insights/format.ts';

test('the page\'s copy of the locale table matches i18n/locales.ts', () => {
  for (const [locale, info] of Object.entries(LOCALE_INFO)) expect(PAGE_LOCALES[locale as keyof typeof PAGE_LOCALES]).toEqual({ intl: info.intl, dir: info.dir });
});

describe('numbers and days in the locale', () => {
  test('Persian digits in fa, ASCII in en', () => {
    expect(formatCount(1, 'fa')).toBe('۱');
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(formatShare(0.529, 'en')).toBe('52.9%');
    expect(formatShare(0.5, 'fa')).toMatch(/^۵۰\s?٪$/);
    expect(formatShare(null, 'fa')).toBe('—');
    expect(formatRatio(2.2, 'fa')).toBe('۲٫۲');
  });

  test('days in the Solar Hijri calendar in fa and the Gregorian one in en', () => {
    expect(formatDay('2026-11-22', 'fa')).toBe('۱ آذر ۱۴۰۵');
    expect(formatDay('2026-11-22', 'fa', 'short')).toBe('۱ آذر');
    expect(formatDay('2026-11-22', 'en')).toBe('Nov 22, 2026');
    expect(formatDay('2026-11-22', 'en', 'short')).toBe('Nov 22');
  });
});

describe('ranges and queries', () => {
  test('the default range is the last 30 days, today included, in the page\'s zone', () => {
    // 21:00 UTC on 21 November is already 22 November in Tehran (UTC+3:30).
    const now = Date.parse('2026-11-21T21:00:00Z');
    expect(dayIn(now, 'Asia/Tehran')).toBe('2026-11-22');
    expect(defaultRange(now, 'Asia/Tehran')).toEqual({ from: '2026-10-24', to: '2026-11-22' });
    expect(defaultRange(now, 'UTC')).toEqual({ from: '2026-10-23', to: '2026-11-21' });
    expect(daysBetween('2026-10-24', '2026-11-22')).toHaveLength(30);
  });

  test('the Persian page counts days in Tehran; the English one in the browser\'s zone', () => {
    expect(timeZoneFor('fa', 'Europe/Berlin')).toBe('Asia/Tehran');
    expect(timeZoneFor('en', 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(timeZoneFor('en', undefined)).toBe('UTC');
  });

  test('the query names the range, the zone and the locale only when one is chosen', () => {
    expect(insightsQuery({ from: '2026-11-01', to: '2026-11-22', locale: '', tz: 'Asia/Tehran' })).toBe('from=2026-11-01&to=2026-11-22&tz=Asia%2FTehran');
    expect(insightsQuery({ from: '2026-11-01', to: '2026-11-22', locale: 'en', tz: 'UTC' })).toBe('from=2026-11-01&to=2026-11-22&tz=UTC&locale=en');
  });

  test('the CSV file name comes from Content-Disposition when it is a plain name', () => {
    expect(fileNameFrom('attachment; filename="rahnama-insights-2026-10-24-2026-11-22-fa.csv"')).toBe('rahnama-insights-2026-10-24-2026-11-22-fa.csv');
    expect(fileNameFrom('attachment; filename="../../etc/passwd"')).toBe('rahnama-insights.csv');
    expect(fileNameFrom(null)).toBe('rahnama-insights.csv');
  });
});

describe('the warning about tickets not reaching the help desk', () => {
  const now = Date.parse('2026-11-22T12:00:00.000Z');
  const summary = { webhook: true, undelivered: 1, failing: 0, refused: 0, oldestCreatedAt: '2026-11-22T11:55:00.000Z', lastFailure: null };
  test('shows once a delivery failed, a ticket was refused, or a ticket has waited ten minutes', () => {
    expect(outboxNeedsWarning(summary, now)).toBe(false);
    expect(outboxNeedsWarning({ ...summary, oldestCreatedAt: '2026-11-22T11:50:00.000Z' }, now)).toBe(true);
    expect(outboxNeedsWarning({ ...summary, failing: 1, lastFailure: { reference: 'TZ-1', attempts: 1, error: 'HTTP 401' } }, now)).toBe(true);
    expect(outboxNeedsWarning({ ...summary, refused: 1, lastFailure: { reference: 'TZ-1', attempts: 5, error: 'HTTP 422' } }, now)).toBe(true);
  });
  test('stays quiet with nothing waiting, or with no webhook (tickets then stay in the database on purpose)', () => {
    expect(outboxNeedsWarning({ ...summary, undelivered: 0, oldestCreatedAt: null }, now)).toBe(false);
    expect(outboxNeedsWarning({ ...summary, webhook: false, failing: 1, oldestCreatedAt: '2026-11-01T00:00:00.000Z' }, now)).toBe(false);
  });
});
