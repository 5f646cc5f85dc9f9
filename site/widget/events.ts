/**
 * The seam for measuring deflection: the contact page and the widget report what the customer saw and did through
 * one small emitter. The contact form and the widget subscribe the event sender (site/events/: batched, sendBeacon
 * on page hide), which maps these events to the API's kinds (site/events/mapping.ts).
 */

export type Surface = 'contact' | 'widget';

export type SuggestEvent =
  /** Suggestions were shown for a text; ids in rank order. */
  | { type: 'suggestions_shown'; surface: Surface; locale: string; query: string; ids: string[]; source: 'api' | 'static' }
  /** The customer opened one (rank counts from 1). */
  | { type: 'suggestion_opened'; surface: Surface; locale: string; id: string; rank: number }
  /** "This solved my problem" (solved) or "not what I need". */
  | { type: 'answer_feedback'; surface: Surface; locale: string; id: string; solved: boolean }
  /** A ticket was filed anyway, with what was shown and opened (no reference when the host's help desk files it). */
  | { type: 'ticket_submitted'; surface: Surface; locale: string; reference?: string; shown: string[]; opened?: string };

export type EventListener = (event: SuggestEvent) => void;

export interface Emitter {
  /** Subscribes; returns the function that unsubscribes. */
  on(listener: EventListener): () => void;
  emit(event: SuggestEvent): void;
}

export function createEmitter(): Emitter {
  const listeners = new Set<EventListener>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      // A failing listener must never break the form.
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          /* ignored on purpose */
        }
      }
    },
  };
}
