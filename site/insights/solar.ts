/**
 * Solar Hijri (Persian) calendar days for the insights page's date fields: a Gregorian day "YYYY-MM-DD" to its Solar
 * Hijri year, month and day and back, month lengths, and what a Persian reader types ("۱۴۰۵/۹/۱", "1405-09-01").
 * Everything goes through Intl's Persian calendar, the one formatDay() shows, so a day the field accepts is always the
 * day the page prints. Pure: no DOM.
 */

/** A day of the Solar Hijri calendar; month 1 is Farvardin. */
export interface SolarDay {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Solar Hijri parts of a UTC date, with ASCII digits. */
const SOLAR_PARTS = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-latn', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });

/** The month names in Persian, Farvardin first. */
export const SOLAR_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'] as const;

/** The days of the week as a Persian week runs, Saturday first: their one-letter and full names. */
export const SOLAR_WEEKDAYS = [
  { short: 'ش', long: 'شنبه' },
  { short: 'ی', long: 'یکشنبه' },
  { short: 'د', long: 'دوشنبه' },
  { short: 'س', long: 'سه‌شنبه' },
  { short: 'چ', long: 'چهارشنبه' },
  { short: 'پ', long: 'پنجشنبه' },
  { short: 'ج', long: 'جمعه' },
] as const;

function utcTime(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Adds whole days to "YYYY-MM-DD". */
export function addDays(day: string, days: number): string {
  return isoDay(utcTime(day) + days * DAY_MS);
}

/** The Solar Hijri day of a Gregorian day "YYYY-MM-DD". */
export function toSolar(day: string): SolarDay {
  const parts = SOLAR_PARTS.formatToParts(new Date(utcTime(day) + DAY_MS / 2));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

const compare = (a: SolarDay, b: SolarDay) => a.year - b.year || a.month - b.month || a.day - b.day;

/** The Gregorian day "YYYY-MM-DD" of a Solar Hijri day, or null when there is no such day (1404/12/30, 1405/7/31). */
export function fromSolar({ year, month, day }: SolarDay): string | null {
  if (![year, month, day].every(Number.isInteger) || year < 1000 || year > 3000 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  // Farvardin 1 falls on 20–22 March of year + 621; months 1–6 have 31 days and the rest 30 (Esfand 29 or 30).
  const dayOfYear = (month <= 7 ? (month - 1) * 31 : 6 * 31 + (month - 7) * 30) + day - 1;
  let guess = isoDay(Date.UTC(year + 621, 2, 21) + dayOfYear * DAY_MS);
  const wanted = { year, month, day };
  for (let step = 0; step < 4; step++) {
    const found = toSolar(guess);
    const off = compare(found, wanted);
    if (off === 0) return guess;
    // Within a year of the target the difference in days is at most a few; step one day at a time towards it.
    guess = addDays(guess, off < 0 ? 1 : -1);
  }
  return null;
}

/** Days in a Solar Hijri month: 31, 30, or 29 or 30 for Esfand (30 in a leap year). */
export function solarMonthLength(year: number, month: number): number {
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return fromSolar({ year, month: 12, day: 30 }) ? 30 : 29;
}

/** The first day of the month `months` after (or before) the month of `day`, as a Solar Hijri day. */
export function shiftSolarMonth({ year, month }: SolarDay, months: number): SolarDay {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

/** 0 for Saturday … 6 for Friday: the column of a day in a Persian week. */
export function solarWeekday(day: string): number {
  return (new Date(utcTime(day)).getUTCDay() + 1) % 7;
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** Persian and Arabic-Indic digits to ASCII. */
export function asciiDigits(text: string): string {
  return text.replace(/[۰-۹٠-٩]/g, (digit) => String(Math.max(PERSIAN_DIGITS.indexOf(digit), ARABIC_DIGITS.indexOf(digit))));
}

/** ASCII digits to Persian ones (i18n/format.ts localizeDigits, which this page cannot import without zod). */
export function persianDigits(text: string): string {
  return text.replace(/[0-9]/g, (digit) => PERSIAN_DIGITS[Number(digit)]!);
}

/** A Gregorian day as a Persian reader writes it: "۱۴۰۵/۰۹/۰۱". */
export function formatSolarInput(day: string): string {
  const { year, month, day: dayOfMonth } = toSolar(day);
  return persianDigits(`${year}/${String(month).padStart(2, '0')}/${String(dayOfMonth).padStart(2, '0')}`);
}

/**
 * What a Persian reader typed, as a Gregorian day: year, month and day in that order, in Persian, Arabic or ASCII
 * digits, separated by "/", "-", ".", "٫" or spaces ("۱۴۰۵/۹/۱", "1405-09-01"). Null when it is not a date or not a
 * day of the calendar.
 */
export function parseSolarInput(text: string): string | null {
  const match = /^\s*(\d{4})\s*[/\-.٫،\s]\s*(\d{1,2})\s*[/\-.٫،\s]\s*(\d{1,2})\s*$/.exec(asciiDigits(text.replace(/[\u200c\u200e\u200f\u061c]/g, '')));
  if (!match) return null;
  return fromSolar({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
}
