/**
 * The locales the help center is written in; the first is the default (`/` redirects to it).
 * Kept free of zod so that browser code (the search runtime, the widget fallback) can import it cheaply.
 */
export const LOCALES = ['fa', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fa';
