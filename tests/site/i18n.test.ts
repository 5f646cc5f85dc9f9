import { describe, expect, test } from 'vitest';
import { clock, formatClock, formatDate, formatNumber, isoDay, isoDuration, localizeDigits } from '../../site/i18n/format.ts';
import { LOCALE_INFO, LOCALES, isLocale } from '../../site/i18n/locales.ts';
import { UI, useTranslations } from '../../site/i18n/ui.ts';

describe('locale table', () => {
  test('fa is right-to-left Persian and en left-to-right English', () => {
    expect(LOCALE_INFO.fa).toMatchObject({ lang: 'fa', dir: 'rtl', label: 'فارسی', intl: 'fa-IR-u-ca-persian-nu-arabext' });
    expect(LOCALE_INFO.en).toMatchObject({ lang: 'en', dir: 'ltr', label: 'English', intl: 'en-US' });
  });

  test('has an entry for every content locale and nothing else', () => {
    expect(Object.keys(LOCALE_INFO).sort()).toEqual([...LOCALES].sort());
    expect(isLocale('fa')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe('formatting', () => {
  test('formats a date in the Solar Hijri calendar with Persian digits in fa', () => {
    expect(formatDate(new Date('2026-11-22'), 'fa')).toBe('۱ آذر ۱۴۰۵');
    expect(formatDate(new Date('2026-03-21'), 'fa')).toBe('۱ فروردین ۱۴۰۵');
  });

  test('formats a date in the Gregorian calendar in en', () => {
    expect(formatDate(new Date('2026-11-22'), 'en')).toBe('November 22, 2026');
  });

  test('writes numbers and clock times with Persian digits in fa only', () => {
    expect(formatNumber(1570, 'fa')).toBe('۱۵۷۰');
    expect(formatNumber(1570, 'en')).toBe('1570');
    expect(formatClock(65, 'fa')).toBe('۱:۰۵');
    expect(formatClock(65, 'en')).toBe('1:05');
    expect(localizeDigits('TizBox V2, 192.168.1.1', 'fa')).toBe('TizBox V۲, ۱۹۲.۱۶۸.۱.۱');
  });

  test('writes clock times as m:ss below an hour and h:mm:ss above', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(59.9)).toBe('0:59');
    expect(clock(3725)).toBe('1:02:05');
  });

  test('writes ISO 8601 durations and days for JSON-LD', () => {
    expect(isoDuration(155)).toBe('PT2M35S');
    expect(isoDuration(3600)).toBe('PT1H');
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDay(new Date('2026-10-04'))).toBe('2026-10-04');
  });
});

describe('UI strings', () => {
  test('every locale has every key, none empty', () => {
    const keys = Object.keys(UI.fa).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(UI[locale]).sort()).toEqual(keys);
      for (const value of Object.values(UI[locale])) expect(value.trim()).not.toBe('');
    }
  });

  test('fills placeholders and leaves unknown ones visible', () => {
    const t = useTranslations('en');
    expect(t('category.articleCount', { count: '7' })).toBe('7 articles');
    expect(t('video.playFrom')).toBe('Play from {time}');
  });
});
