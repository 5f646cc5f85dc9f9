/** First-party events from the browser to POST /api/v1/events: see README.md. */
export { eventSender, sendEmitted } from './browser.ts';
export { clipQuery, idFromUrl, searchEvent, toApiEvent, voteEvent } from './mapping.ts';
export { API_LIMITS, EVENTS_PATH, type ApiBatch, type ApiEvent, type Locale, type Surface } from './schema.ts';
export { createSender, SENDER_DEFAULTS, type Sender, type SenderEnv, type SenderOptions } from './sender.ts';
export { randomSessionId, SESSION_KEY, sessionId } from './session.ts';
