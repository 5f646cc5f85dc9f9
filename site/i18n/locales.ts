/** The one locale table: everything that differs by locale in markup (lang, dir) and formatting (Intl). */
import { LOCALES, DEFAULT_LOCALE, type Locale } from '../../search-index/core/schemas.ts';

export { LOCALES, DEFAULT_LOCALE, type Locale };

export interface LocaleInfo {
  /** BCP 47 tag for <html lang> and hreflang. */
  lang: string;
  /** Writing direction for <html dir>. */
  dir: 'rtl' | 'ltr';
  /** The locale's own name, shown in the locale switcher. */
  label: string;
  /** Intl locale for dates and numbers: fa uses the Solar Hijri calendar and Persian (arabext) digits. */
  intl: string;
  /** OpenGraph locale (og:locale). */
  og: string;
}

export const LOCALE_INFO: Record<Locale, LocaleInfo> = {
  fa: { lang: 'fa', dir: 'rtl', label: 'فارسی', intl: 'fa-IR-u-ca-persian-nu-arabext', og: 'fa_IR' },
  en: { lang: 'en', dir: 'ltr', label: 'English', intl: 'en-US', og: 'en_US' },
};

export function isLocale(value: string | undefined): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? '');
}
