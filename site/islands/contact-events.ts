/**
 * What the contact form reports (see site/widget/events.ts for the event types). Its own module so that listeners
 * can subscribe with `contactEvents.on(...)` without importing the React island; the form itself subscribes the
 * event sender (site/events/) once it runs in the browser.
 */
import { createEmitter, type Emitter } from '../widget/events.ts';

export const contactEvents: Emitter = createEmitter();
