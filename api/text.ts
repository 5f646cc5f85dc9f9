/**
 * Untrusted text hygiene. Control characters and bidi overrides in a query must never reach a snippet or a log line
 * unescaped: a U+202E in a log can make an attacker's text read backwards in a terminal ("Trojan Source",
 * CVE-2021-42574), and C0/C1 controls can forge log lines or drive terminals.
 *
 * Zero-width non-joiner (U+200C, the Persian half-space) and joiner (U+200D) are ordinary text and are kept.
 */

/** C0 and C1 control characters, DEL, and the line/paragraph separators. */
const CONTROL = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029';
/** Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI) and the implicit marks. */
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/** Byte-order mark / zero-width no-break space, which some clients paste at the start of text. */
const BOM = '\\ufeff';

const UNSAFE = new RegExp(`[${CONTROL}${BIDI}${BOM}]`, 'g');
const UNSAFE_TEST = new RegExp(`[${CONTROL}${BIDI}${BOM}]`);
const CONTROL_ONLY = new RegExp(`[${CONTROL}]`, 'g');

/**
 * Cleans user input before it is searched: controls (tabs and newlines included) become spaces so words on either
 * side stay apart; bidi formatting characters are removed, since they are invisible and carry no words.
 */
export function cleanInput(text: string): string {
  return text.replace(CONTROL_ONLY, ' ').replace(UNSAFE, '');
}

/** Removes every unsafe character from text we send out (titles, snippets), as a second line of defence. */
export function cleanOutput(text: string): string {
  return text.replace(UNSAFE, '');
}

/** True when the text holds a character that cleanInput would change. */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/**
 * Serialises a log entry as one line of JSON in which every unsafe character is a \uXXXX escape: JSON.stringify
 * escapes C0 controls itself but passes C1 controls and bidi characters through raw.
 */
export function toLogLine(entry: Record<string, unknown>): string {
  return JSON.stringify(entry).replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
