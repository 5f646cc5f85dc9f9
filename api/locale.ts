/** Locale negotiation for requests that do not name a locale. */
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../search-index/core/schemas.ts';

/**
 * Picks the supported locale the client prefers most, from an Accept-Language header (RFC 9110 §12.5.4):
 * "en-US,en;q=0.9,fa;q=0.8" → "en". Falls back to the default locale.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',').slice(0, 20)) {
    const [range = '', ...params] = part.trim().split(';');
    const language = range.trim().toLowerCase().split('-')[0];
    const locale = LOCALES.find((candidate) => candidate === language);
    if (!locale) continue;
    const qParam = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
