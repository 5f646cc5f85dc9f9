/**
 * The sender bound to the browser: sessionStorage for the tab's id, sendBeacon and fetch keepalive, and the page's
 * hide events. One sender per endpoint per page, made on first use, so importing this costs nothing until an event
 * is sent. Nothing here throws.
 */
import type { SuggestEvent } from '../widget/events.ts';
import { toApiEvent } from './mapping.ts';
import { EVENTS_PATH, type ApiEvent, type Locale } from './schema.ts';
import { createSender, type Sender, type SenderEnv } from './sender.ts';
import { sessionId } from './session.ts';

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

let tabId: string | undefined;
const currentId = () => (tabId ??= sessionId(storage()));

export const browserEnv = (): SenderEnv => ({
  now: () => Date.now(),
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  beacon: typeof navigator.sendBeacon === 'function' ? (url, body) => navigator.sendBeacon(url, body) : undefined,
  post: (url, body) =>
    fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }),
  onHide(run) {
    addEventListener('pagehide', () => run(true));
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && run(false));
  },
});

const senders = new Map<string, Sender>();

/** The page's sender for `<origin>/api/v1/events` ('' for this origin). */
export function eventSender(origin = '', locale?: Locale): Sender {
  const endpoint = origin.replace(/\/$/, '') + EVENTS_PATH;
  let sender = senders.get(endpoint);
  if (!sender) senders.set(endpoint, (sender = createSender({ endpoint, sessionId: currentId, locale }, browserEnv())));
  return sender;
}

/** A listener for the contact form's or the widget's emitter that sends what it hears. */
export function sendEmitted(sender: Sender): (event: SuggestEvent) => void {
  return (event) => sender.send(toApiEvent(event, Date.now()));
}

export type { ApiEvent, Sender };
