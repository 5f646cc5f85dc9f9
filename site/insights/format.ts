/**
 * Pure helpers of the insights page: numbers, shares and days in the locale (Persian digits and the Solar Hijri
 * calendar in fa), the default range, the report's query string and the CSV file name. No DOM.
 */
import type { Locale } from '../i18n/locales.ts';
import { addDays, fromSolar, toSolar } from './solar.ts';

/**
 * The Intl locales and directions of i18n/locales.ts (LOCALE_INFO), copied because that module imports the search
 * core's zod schemas, which this page need not download; tests/site/insights-format.test.ts keeps them equal.
 */
export const PAGE_LOCALES: Record<Locale, { intl: string; dir: 'rtl' | 'ltr' }> = {
  fa: { intl: 'fa-IR-u-ca-persian-nu-arabext', dir: 'rtl' },
  en: { intl: 'en-US', dir: 'ltr' },
};
const LOCALE_INFO = PAGE_LOCALES;

/** The report covers this many days by default, today included. */
export const DEFAULT_DAYS = 30;
/** Days of the Persian page are Tehran's; the English page uses the browser's zone. */
export const FA_TIME_ZONE = 'Asia/Tehran';
export const INSIGHTS_PATH = '/api/v1/admin/insights';
export const INSIGHTS_CSV_PATH = '/api/v1/admin/insights.csv';
export const OUTBOX_PATH = '/api/v1/admin/outbox';
/** POST: every undelivered ticket (refused ones included) is due now. */
export const OUTBOX_REDELIVER_PATH = '/api/v1/admin/outbox/redeliver';
/** Undelivered tickets are worth a warning once the oldest is this old, or as soon as one delivery has failed. */
export const OUTBOX_WARN_AFTER_MS = 10 * 60 * 1000;
/** sessionStorage key of the admin token: one tab, forgotten when the tab closes. */
export const TOKEN_KEY = 'rahnama:insights-token';

const DAY_MS = 24 * 60 * 60 * 1000;

export const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

/** "۱۲" / "1,234". */
export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_INFO[locale].intl).format(value);
}

/** A share as a percentage ("۴۲٪" / "42%"), or an em dash when there is nothing to divide. */
export function formatShare(value: number | null, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(LOCALE_INFO[locale].intl, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A ratio such as the self-service score ("۳٫۵" / "3.5"). */
export function formatRatio(value: number | null, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(LOCALE_INFO[locale].intl, { maximumFractionDigits: 1 }).format(value);
}

/**
 * A calendar day "YYYY-MM-DD" in the locale's calendar: Solar Hijri with Persian digits in fa. `short` is for a
 * chart axis ("۱ آذر" / "Nov 22"); the long form names the year too.
 */
export function formatDay(day: string, locale: Locale, style: 'short' | 'long' = 'long'): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const options: Intl.DateTimeFormatOptions = style === 'short' ? { month: 'short', day: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(LOCALE_INFO[locale].intl, options).format(date);
}

/** The calendar day of an instant in a zone, "YYYY-MM-DD". */
export function dayIn(time: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(time));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The last `days` days up to today in the zone, both ends included. */
export function defaultRange(now: number, timeZone: string, days = DEFAULT_DAYS): { from: string; to: string } {
  return { from: dayIn(now - (days - 1) * DAY_MS, timeZone), to: dayIn(now, timeZone) };
}

/** The zone the page counts days in. */
export function timeZoneFor(locale: Locale, browserZone: string | undefined): string {
  return locale === 'fa' ? FA_TIME_ZONE : browserZone || 'UTC';
}

export interface InsightsFilters {
  from: string;
  to: string;
  /** '' for every locale. */
  locale: '' | Locale;
  tz: string;
}

/** The query string of GET /admin/insights(.csv). */
export function insightsQuery(filters: InsightsFilters): string {
  const query = new URLSearchParams({ from: filters.from, to: filters.to, tz: filters.tz });
  if (filters.locale) query.set('locale', filters.locale);
  return query.toString();
}

/** The file name a Content-Disposition header gives, else a default. */
export function fileNameFrom(disposition: string | null, fallback = 'rahnama-insights.csv'): string {
  const name = /filename="?([^";]+)"?/i.exec(disposition ?? '')?.[1];
  return name && /^[\w.-]+$/.test(name) ? name : fallback;
}

/** Every day from `from` to `to` ("YYYY-MM-DD", both included), so a chart shows quiet days as zero, not skipped. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length < 400; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The longest range the API reports on, in days (api/insights/routes.ts MAX_RANGE_DAYS; a test keeps them equal). */
export const INSIGHTS_MAX_DAYS = 366;

/** What can be wrong with a range the reader entered, by the strings' keys. */
export type RangeProblem = 'dayInvalid' | 'dayFuture' | 'rangeOrder' | 'rangeTooLong';

/**
 * Checks the days of the filters before asking the API: each must be a day (null or '' is not) and not after today,
 * "from" not after "to", and the range at most INSIGHTS_MAX_DAYS days, both ends included.
 */
export function checkRange(from: string | null, to: string | null, today: string): { from?: RangeProblem; to?: RangeProblem } {
  const problems: { from?: RangeProblem; to?: RangeProblem } = {};
  for (const [field, day] of [['from', from], ['to', to]] as const) {
    if (!day) problems[field] = 'dayInvalid';
    else if (day > today) problems[field] = 'dayFuture';
  }
  if (problems.from || problems.to) return problems;
  if (from! > to!) return { from: 'rangeOrder' };
  if ((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1 > INSIGHTS_MAX_DAYS) return { from: 'rangeTooLong' };
  return {};
}

/** The ranges one click away: the last 7, 30 or 90 days, and the month so far (Solar Hijri in fa). */
export const RANGE_PRESETS = ['days7', 'days30', 'days90', 'month'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** The days of a preset range ending today ("YYYY-MM-DD", both included). */
export function presetRange(preset: RangePreset, today: string, locale: Locale): { from: string; to: string } {
  if (preset === 'month') {
    const from = locale === 'fa' ? fromSolar({ ...toSolar(today), day: 1 })! : `${today.slice(0, 8)}01`;
    return { from, to: today };
  }
  return { from: addDays(today, -(Number(preset.slice(4)) - 1)), to: today };
}

/** GET /admin/outbox's answer (api/tickets/schemas.ts OutboxSummarySchema). */
export interface OutboxSummary {
  webhook: boolean;
  undelivered: number;
  failing: number;
  /** Set aside after the help desk refused them; they wait for someone to send them again. */
  refused: number;
  oldestCreatedAt: string | null;
  lastFailure: { reference: string; attempts: number; error: string } | null;
}

/** Whether the page should warn that tickets are not reaching the help desk. Without a webhook nothing is sent. */
export function outboxNeedsWarning(summary: OutboxSummary, now: number): boolean {
  if (!summary.webhook || summary.undelivered === 0) return false;
  if (summary.failing > 0 || summary.refused > 0) return true;
  return summary.oldestCreatedAt !== null && now - Date.parse(summary.oldestCreatedAt) >= OUTBOX_WARN_AFTER_MS;
}
