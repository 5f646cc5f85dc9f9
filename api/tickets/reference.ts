/**
 * Ticket ids and human-friendly references. Runtime-neutral: Web Crypto's getRandomValues and randomUUID.
 */

/**
 * Crockford's base32 alphabet: no I, L, O or U, so a reference read out over the phone cannot be mistaken
 * (https://www.crockford.com/base32.html). 32 symbols, so `byte & 31` picks one without bias.
 */
export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Six symbols: 2^30 references per prefix; a collision is retried by the store (the column is UNIQUE). */
export const REFERENCE_LENGTH = 6;

/** A new reference such as "TZ-7K3Q9D". */
export function newReference(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(REFERENCE_LENGTH));
  let code = '';
  for (const byte of bytes) code += REFERENCE_ALPHABET[byte & 31];
  return `${prefix}-${code}`;
}

/** True for text shaped like a reference (any prefix), so lookups can tell references from ids. */
export function isReference(text: string): boolean {
  return new RegExp(`^[A-Z]{1,6}-[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`).test(text);
}

/** A new opaque ticket id. */
export function newTicketId(): string {
  return crypto.randomUUID();
}
