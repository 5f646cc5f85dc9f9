/**
 * What the contact form reports (see site/widget/events.ts for the event types). Its own module so that an event
 * sender (issue 6) can subscribe with `contactEvents.on(...)` without importing the React island; nothing listens
 * by default, so nothing is sent.
 */
import { createEmitter, type Emitter } from '../widget/events.ts';

export const contactEvents: Emitter = createEmitter();
