/**
 * Removes personal data from customer text before anything stores it: email addresses, phone numbers (Iranian
 * mobiles in Persian, Arabic-Indic or ASCII digits, with or without spaces and dashes), card numbers, IBAN/Sheba
 * numbers and any other long run of digits. Pure and runtime-neutral; never throws; idempotent.
 *
 * The rules are deliberately greedy: a search query loses nothing useful when "2026-11-22" becomes "[number]",
 * while a phone number that slipped through would be personal data kept for 90 days.
 *
 * 1. Email: any run of non-space characters with an "@" inside (a@b, ali.r@example.co.ir, علی@مثال.ایران).
 * 2. IBAN/Sheba: "IR" followed by 24 digits, spaces or dashes allowed between them.
 * 3. Digit sequences: digits of any script (\p{Nd}: ASCII, ۰-۹, ٠-٩, ...) joined by at most one separator
 *    (space, dash, dot, parentheses, zero-width or bidi marks), optionally after "+". With 6 digits or more the
 *    sequence is replaced: 16 digits is a card, an Iranian mobile (09xxxxxxxxx, 9xxxxxxxxx, +989..., 00989...) or
 *    an international-looking number (leading +, 00 or 0, 8 to 15 digits) is a phone, anything else a number.
 */

/** What replaces each kind of personal data. */
export const PLACEHOLDERS = {
  email: '[email]',
  phone: '[phone]',
  card: '[card]',
  iban: '[iban]',
  number: '[number]',
} as const;

/** Sequences with fewer digits than this are kept ("1570", "Home 50", "5G"). */
export const MIN_REDACTED_DIGITS = 6;

const EMAIL = /[^\s@]+(?:@[^\s@]+)+/gu;
/** One separator that may sit between two digits of the same number. */
const SEPARATOR = '[\\s\\-.()\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069]';
const IBAN = new RegExp(`IR${SEPARATOR}?(?:\\p{Nd}${SEPARATOR}?){23}\\p{Nd}`, 'giu');
const DIGIT_SEQUENCE = new RegExp(`\\+?\\p{Nd}(?:${SEPARATOR}?\\p{Nd})*`, 'gu');
const DIGIT = /\p{Nd}/gu;
const IRANIAN_MOBILE = /^(?:\+?98|0098|0)?9\d{9}$/;

/** Placeholders, for code that wants to ignore them (e.g. before extracting query terms). */
export const PLACEHOLDER_PATTERN = /\[(?:email|phone|card|iban|number)\]/g;

/** Persian and Arabic-Indic digits to ASCII; other scripts' digits count but keep their value unknown. */
function asciiDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

function classify(sequence: string): string | null {
  const digits = sequence.match(DIGIT)?.length ?? 0;
  if (digits < MIN_REDACTED_DIGITS) return null;
  const plus = sequence.startsWith('+') ? '+' : '';
  const compact = plus + asciiDigits(sequence).replace(/\D/g, '');
  if (digits === 16) return PLACEHOLDERS.card;
  if (IRANIAN_MOBILE.test(compact)) return PLACEHOLDERS.phone;
  if (/^(?:\+|00|0)/.test(compact) && digits >= 8 && digits <= 15) return PLACEHOLDERS.phone;
  return PLACEHOLDERS.number;
}

/** The text with personal data replaced by placeholders (see the rules at the top of this file). */
export function redact(text: string): string {
  if (typeof text !== 'string' || text === '') return typeof text === 'string' ? text : '';
  return text
    .replace(EMAIL, PLACEHOLDERS.email)
    .replace(IBAN, PLACEHOLDERS.iban)
    .replace(DIGIT_SEQUENCE, (sequence) => classify(sequence) ?? sequence);
}
