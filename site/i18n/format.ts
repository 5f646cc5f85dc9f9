/** Locale-aware formatting: dates in the locale's calendar and digits, numbers and clock times in its digits. */
import { LOCALE_INFO, type Locale } from './locales.ts';

/** "۱ آذر ۱۴۰۵" in fa (Solar Hijri), "November 22, 2026" in en. UTC, because content dates are calendar days. */
export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(LOCALE_INFO[locale].intl, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** "۱۲" in fa, "12" in en. */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_INFO[locale].intl, { useGrouping: false }).format(value);
}

/** Seconds as "m:ss" or "h:mm:ss" in the locale's digits: 65 → "1:05" / "۱:۰۵". */
export function formatClock(totalSeconds: number, locale: Locale): string {
  return localizeDigits(clock(totalSeconds), locale);
}

/** Seconds as "m:ss" or "h:mm:ss" with ASCII digits. */
export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** Replaces ASCII digits with the locale's digits (Persian digits in fa). */
export function localizeDigits(text: string, locale: Locale): string {
  return locale === 'fa' ? text.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]!) : text;
}

/** A duration in seconds as ISO 8601 ("PT2M35S"), for JSON-LD. */
export function isoDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || s === 0 ? `${seconds}S` : ''}`;
}

/** A calendar day as YYYY-MM-DD (for <time datetime> and JSON-LD). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
