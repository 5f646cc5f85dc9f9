/**
 * The per-tab session id: random, kept in sessionStorage (one tab, one session; gone when the tab closes), never a
 * cookie. When storage is unavailable (blocked, private modes) the id lives as long as the page.
 */
import { SESSION_ID } from './schema.ts';

export const SESSION_KEY = 'rahnama:events-session';

/** 32 random hex characters (getRandomValues also works outside secure contexts, unlike randomUUID). */
export function randomSessionId(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  return Array.from(random(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** The tab's id from `store`, made and kept there on first use; a malformed stored value is replaced. */
export function sessionId(store: Store | undefined, make: () => string = randomSessionId): string {
  try {
    const kept = store?.getItem(SESSION_KEY);
    if (kept && SESSION_ID.test(kept)) return kept;
  } catch {
    /* storage blocked: fall through to a page-lived id */
  }
  const id = make();
  try {
    store?.setItem(SESSION_KEY, id);
  } catch {
    /* quota or blocked: the id still works for this page */
  }
  return id;
}
