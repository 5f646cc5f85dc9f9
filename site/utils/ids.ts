/**
 * Pure helpers that read an entry id ("fa/account/reset-password", "en/reset-password-walkthrough", "fa/billing")
 * the way the content folders are laid out: locale first, slug last.
 */
import { LOCALES, type Locale } from '../../search-index/core/schemas.ts';

/** The locale folder an entry lives in; throws for an id outside a locale folder (the writer put it in the wrong place). */
export function idToLocale(id: string, locales: readonly string[] = LOCALES): Locale {
  const first = id.split('/')[0];
  if (!first || !locales.includes(first)) {
    throw new Error(`site: entry "${id}" is not inside a locale folder (expected one of ${locales.join(', ')})`);
  }
  return first as Locale;
}

/** The last path segment: the slug used in URLs. */
export function idToSlug(id: string): string {
  return id.split('/').at(-1) ?? id;
}

/** The category folder of an article id ("fa/account/reset-password" → "account"), or undefined when there is none. */
export function idToCategory(id: string): string | undefined {
  const parts = id.split('/');
  return parts.length >= 3 ? parts[parts.length - 2] : undefined;
}
