/** The event seam (site/widget/events.ts): listeners subscribe and unsubscribe; a failing listener breaks nothing. */
import { expect, test } from 'vitest';
import { createEmitter, type SuggestEvent } from '../../site/widget/events.ts';

const opened: SuggestEvent = { type: 'suggestion_opened', surface: 'widget', locale: 'fa', id: 'fa/modem-red-light', rank: 1 };

test('delivers events to every listener until it unsubscribes, past a listener that throws', () => {
  const emitter = createEmitter();
  const seen: string[] = [];
  emitter.on(() => {
    throw new Error('broken listener');
  });
  const off = emitter.on((event) => seen.push(event.type));
  emitter.emit(opened);
  off();
  emitter.emit(opened);
  expect(seen).toEqual(['suggestion_opened']);
});
