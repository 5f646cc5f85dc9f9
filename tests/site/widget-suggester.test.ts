/**
 * The suggestion loop shared by the contact page and the widget (site/widget/suggester.ts), with a fake clock and
 * hand-resolved answers: minimum length by script, the pause before asking, no second question for the same
 * text, and answers that arrive after a newer question never shown.
 */
import { describe, expect, test } from 'vitest';
import {
  createSuggester,
  DEBOUNCE_MS,
  isLongEnough,
  MIN_LETTERS,
  queryKey,
  scriptOf,
  type SuggestQuery,
  type Timers,
} from '../../site/widget/suggester.ts';

/** Timers driven by hand: advance(ms) runs what is due. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    set: (run, ms) => {
      const id = next++;
      due.set(id, { at: now + ms, run });
      return id;
    },
    clear: (id) => void due.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...due].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= now) {
        due.delete(id);
        timer.run();
      }
    }
  };
  return { timers, advance, pending: () => due.size };
}

/** An ask() whose answers the test resolves or rejects by hand, in any order. */
function manualAsk() {
  const calls: { query: SuggestQuery; signal: AbortSignal; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const ask = (query: SuggestQuery, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => calls.push({ query, signal, resolve, reject }));
  return { ask, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const clock = fakeTimers();
  const { ask, calls } = manualAsk();
  const shown: string[] = [];
  const errors: string[] = [];
  let cleared = 0;
  const suggester = createSuggester<string>({
    ask,
    onResult: (result) => shown.push(result),
    onError: (_error, query) => errors.push(query.key),
    onClear: () => cleared++,
    timers: clock.timers,
  });
  return { clock, calls, shown, errors, suggester, cleared: () => cleared };
}

describe('minimum length by script', () => {
  test.each([
    ['قبض', true, 'three Persian letters make a word'],
    ['قب', false, 'two do not'],
    ['  مو  ', false, 'spaces do not count'],
    ['modem', true, 'five Latin letters'],
    ['mode', false, 'four Latin letters are not enough'],
    ['sim 4', false, 'digits are not letters'],
    ['وای‌فای', true, 'the half-space does not split the count'],
  ])('%j → %s (%s)', (text, expected) => {
    expect(isLongEnough(text)).toBe(expected);
  });

  test('the thresholds are the documented ones', () => {
    expect(MIN_LETTERS).toEqual({ arabic: 3, latin: 5 });
  });

  test('the script is the one most letters are in', () => {
    expect(scriptOf('مودم TizBox قرمز است')).toBe('arabic');
    expect(scriptOf('TizBox F1 modem قرمز')).toBe('latin');
    expect(scriptOf('1570')).toBe('latin');
  });

  test('subject and description are joined with whitespace collapsed', () => {
    expect(queryKey('  Internet  down ', 'modem\n\nlight   red ')).toBe('Internet down\nmodem light red');
    expect(queryKey('', ' only description ')).toBe('only description');
  });
});

describe('the loop', () => {
  test('asks once after a pause in typing, with the latest text', async () => {
    const { clock, calls, shown, suggester } = setup();
    suggester.update('', 'my mod');
    clock.advance(DEBOUNCE_MS - 1);
    suggester.update('', 'my modem');
    clock.advance(DEBOUNCE_MS - 1);
    suggester.update('', 'my modem is red');
    clock.advance(DEBOUNCE_MS - 1);
    expect(calls).toHaveLength(0);
    clock.advance(1);
    expect(calls.map((c) => c.query.description)).toEqual(['my modem is red']);
    calls[0]!.resolve('answer');
    await settle();
    expect(shown).toEqual(['answer']);
  });

  test('text under the minimum is never sent, and clears what was shown', async () => {
    const { clock, calls, shown, suggester, cleared } = setup();
    suggester.update('', 'wifi');
    clock.advance(DEBOUNCE_MS * 2);
    expect(calls).toHaveLength(0);
    suggester.update('', 'wifi slow');
    clock.advance(DEBOUNCE_MS);
    calls[0]!.resolve('slow');
    await settle();
    suggester.update('', 'wif');
    expect(cleared()).toBe(1);
    clock.advance(DEBOUNCE_MS);
    expect(calls).toHaveLength(1);
    expect(shown).toEqual(['slow']);
  });

  test('an answer that arrives after a newer question is dropped, and the older request is aborted', async () => {
    const { clock, calls, shown, suggester } = setup();
    suggester.update('', 'modem light');
    clock.advance(DEBOUNCE_MS);
    suggester.update('', 'modem light red');
    clock.advance(DEBOUNCE_MS);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[1]!.resolve('new');
    await settle();
    calls[0]!.resolve('old');
    await settle();
    expect(shown).toEqual(['new']);
  });

  test('the same text is not asked twice: unchanged text, whitespace changes, or text typed again', async () => {
    const { clock, calls, shown, suggester } = setup();
    suggester.update('Internet', 'modem red');
    clock.advance(DEBOUNCE_MS);
    calls[0]!.resolve('first');
    await settle();
    suggester.update('Internet ', 'modem  red');
    clock.advance(DEBOUNCE_MS);
    expect(calls).toHaveLength(1);
    suggester.update('Internet', 'modem red light');
    clock.advance(DEBOUNCE_MS);
    calls[1]!.resolve('second');
    await settle();
    suggester.update('Internet', 'modem red');
    clock.advance(DEBOUNCE_MS);
    expect(calls).toHaveLength(2);
    expect(shown).toEqual(['first', 'second', 'first']);
  });

  test('a late answer is remembered, so going back to its text shows it without asking', async () => {
    const { clock, calls, shown, suggester } = setup();
    suggester.update('', 'refund please');
    clock.advance(DEBOUNCE_MS);
    suggester.update('', 'refund please now');
    clock.advance(DEBOUNCE_MS);
    calls[0]!.resolve('late');
    calls[1]!.resolve('latest');
    await settle();
    expect(shown).toEqual(['latest']);
    suggester.update('', 'refund please');
    clock.advance(DEBOUNCE_MS);
    expect(calls).toHaveLength(2);
    expect(shown).toEqual(['latest', 'late']);
  });

  test('a failed question is reported, and the same text is asked again on the next change', async () => {
    const { clock, calls, errors, shown, suggester } = setup();
    suggester.update('', 'payment failed');
    clock.advance(DEBOUNCE_MS);
    calls[0]!.reject(new Error('offline'));
    await settle();
    expect(errors).toEqual(['payment failed']);
    suggester.update('', 'payment failed ');
    clock.advance(DEBOUNCE_MS);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve('ok');
    await settle();
    expect(shown).toEqual(['ok']);
  });

  test('a failure of an older question is not reported once a newer one was asked', async () => {
    const { clock, calls, errors, suggester } = setup();
    suggester.update('', 'payment failed');
    clock.advance(DEBOUNCE_MS);
    suggester.update('', 'payment failed twice');
    clock.advance(DEBOUNCE_MS);
    calls[0]!.reject(new Error('aborted'));
    await settle();
    expect(errors).toEqual([]);
  });

  test('flush asks at once; cancel drops the pending question and the answer in flight', async () => {
    const { clock, calls, shown, suggester } = setup();
    suggester.update('', 'sim card locked');
    suggester.flush();
    expect(calls).toHaveLength(1);
    suggester.cancel();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.resolve('dropped');
    suggester.update('', 'sim card puk');
    suggester.cancel();
    clock.advance(DEBOUNCE_MS);
    await settle();
    expect(calls).toHaveLength(1);
    expect(shown).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  test('Persian text starts asking earlier than English text of the same length', () => {
    const { clock, calls, suggester } = setup();
    suggester.update('', 'قبض');
    clock.advance(DEBOUNCE_MS);
    suggester.update('', 'bill');
    clock.advance(DEBOUNCE_MS);
    expect(calls.map((c) => c.query.key)).toEqual(['قبض']);
  });
});
