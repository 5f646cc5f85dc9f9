/**
 * The suggestion loop shared by the contact page and the embeddable widget, free of any DOM or framework so it can
 * be unit-tested with fake timers: wait for a pause in typing, skip text that is too short to mean anything, never
 * send the same text twice, and drop answers that arrive after a newer question was asked.
 */

/** Wait this long after the last keystroke before asking (Zendesk waits 500 ms on one field; we watch two). */
export const DEBOUNCE_MS = 300;
/** At most this many suggestions are shown beside a ticket form. */
export const MAX_SUGGESTIONS = 4;
/**
 * Letters needed before asking, by the script most letters of the text are in. Persian is written without short
 * vowels, so three letters already make a meaningful word («قبض» bill, «سیم» SIM, «وای‌فای» is five); a Latin
 * word of that weight needs about five ("modem", "refund", "wi-fi"), and shorter prefixes mostly match noise.
 */
export const MIN_LETTERS = { arabic: 3, latin: 5 } as const;
/** Answers kept per text, so text typed again (after a deletion, say) is answered without asking again. */
export const CACHE_SIZE = 30;

export type Script = keyof typeof MIN_LETTERS;

const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/u;

/** The script most of the letters are in: Arabic script (Persian) or otherwise Latin. */
export function scriptOf(text: string): Script {
  let arabic = 0;
  let other = 0;
  for (const char of text.match(/\p{L}/gu) ?? []) {
    if (ARABIC_LETTER.test(char)) arabic++;
    else other++;
  }
  return arabic > other ? 'arabic' : 'latin';
}

/** The subject and description as one comparable text: trimmed, whitespace runs collapsed. */
export function queryKey(subject: string, description: string): string {
  return [subject, description]
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** True when the text has enough letters for its script to be worth a question. */
export function isLongEnough(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters >= MIN_LETTERS[scriptOf(text)];
}

export interface SuggestQuery {
  subject: string;
  description: string;
  /** queryKey(subject, description). */
  key: string;
}

export interface Timers {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

export interface SuggesterOptions<T> {
  /** Asks for suggestions; the signal aborts when a newer question replaces this one. */
  ask: (query: SuggestQuery, signal: AbortSignal) => Promise<T>;
  /** The answer to the latest question (never an older one). */
  onResult: (result: T, query: SuggestQuery) => void;
  /** The latest question failed. */
  onError?: (error: unknown, query: SuggestQuery) => void;
  /** The text became too short: whatever was shown no longer applies. */
  onClear?: () => void;
  debounceMs?: number;
  timers?: Timers;
}

export interface Suggester {
  /** Call on every change of either field. */
  update(subject: string, description: string): void;
  /** Asks now for the pending text, skipping the rest of the pause. */
  flush(): void;
  /** Stops: no pending question, and any answer in flight is dropped. */
  cancel(): void;
}

const systemTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createSuggester<T>(options: SuggesterOptions<T>): Suggester {
  const { ask, onResult, onError, onClear, debounceMs = DEBOUNCE_MS, timers = systemTimers } = options;
  const cache = new Map<string, T>();
  let timer: unknown;
  let pending: SuggestQuery | undefined;
  /** The text whose answer is shown or on its way. */
  let current = '';
  let sequence = 0;
  let inFlight: AbortController | undefined;

  const remember = (key: string, result: T) => {
    cache.delete(key);
    cache.set(key, result);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  };

  const drop = () => {
    sequence++;
    inFlight?.abort();
    inFlight = undefined;
  };

  const run = () => {
    timer = undefined;
    const query = pending;
    pending = undefined;
    if (!query || query.key === current) return;
    drop();
    current = query.key;
    const cached = cache.get(query.key);
    if (cached !== undefined) {
      onResult(cached, query);
      return;
    }
    const mine = sequence;
    const controller = new AbortController();
    inFlight = controller;
    ask(query, controller.signal).then(
      (result) => {
        // A late answer still teaches the cache; it is shown only if no newer question was asked since.
        remember(query.key, result);
        if (mine !== sequence) return;
        inFlight = undefined;
        onResult(result, query);
      },
      (error: unknown) => {
        if (mine !== sequence) return;
        inFlight = undefined;
        // Forget it, so the same text is asked again on the next change rather than never answered.
        current = '';
        onError?.(error, query);
      },
    );
  };

  return {
    update(subject, description) {
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      const key = queryKey(subject, description);
      if (!isLongEnough(key)) {
        pending = undefined;
        if (current) {
          drop();
          current = '';
          onClear?.();
        }
        return;
      }
      pending = { subject: subject.trim(), description: description.trim(), key };
      timer = timers.set(run, debounceMs);
    },
    flush() {
      if (timer !== undefined) timers.clear(timer);
      run();
    },
    cancel() {
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      pending = undefined;
      current = '';
      drop();
    },
  };
}
