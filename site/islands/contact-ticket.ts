/**
 * Filing the ticket from the contact page: the same limits as the API (api/tickets/config.ts, TICKET_LIMITS;
 * tests/site/contact-ticket.test.ts keeps them equal), client-side checks that name the fields the way the API's
 * `fields` does, the POST with its idempotency key, and the draft kept in sessionStorage when sending fails.
 */
import type { Locale } from '../../search-index/core/schemas.ts';

export const TICKET_FIELD_LIMITS = {
  subject: { min: 3, max: 200 },
  description: { min: 10, max: 5000 },
  emailMax: 254,
  suggestionsShownMax: 10,
} as const;
export const TICKETS_PATH = '/api/v1/tickets';
/** Where the form posts when its script has not run (api/tickets/form.ts answers with a page). */
export const TICKET_FORM_PATH = '/api/v1/tickets/form';
/** sessionStorage key of a ticket that could not be sent yet. */
export const DRAFT_KEY = 'rahnama:contact-draft';

export type TicketField = 'subject' | 'description' | 'email' | 'category';

export interface TicketDraft {
  subject: string;
  description: string;
  email: string;
  category: string;
  /** Generated once per form fill and reused on every retry, so a retry never files a second ticket. */
  idempotencyKey: string;
  suggestionsShown: string[];
  suggestionOpened?: string;
}

/** A simple, permissive check; the API has the final word. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The fields that fail the API's rules, before sending. */
export function validateTicket(draft: Pick<TicketDraft, 'subject' | 'description' | 'email'>): Partial<Record<TicketField, 'invalid' | 'tooLong'>> {
  const errors: Partial<Record<TicketField, 'invalid' | 'tooLong'>> = {};
  const subject = draft.subject.trim();
  const description = draft.description.trim();
  const { subject: s, description: d } = TICKET_FIELD_LIMITS;
  if ([...subject].length < s.min || [...subject].length > s.max || /[\r\n]/.test(subject)) errors.subject = 'invalid';
  if ([...description].length < d.min) errors.description = 'invalid';
  else if ([...description].length > d.max) errors.description = 'tooLong';
  if (!EMAIL.test(draft.email.trim()) || draft.email.trim().length > TICKET_FIELD_LIMITS.emailMax) errors.email = 'invalid';
  return errors;
}

export type SubmitOutcome =
  | { kind: 'sent'; reference: string; id: string }
  | { kind: 'invalid'; fields: Partial<Record<TicketField, 'invalid' | 'tooLong'>>; other: boolean }
  /** Nothing was filed and trying again later can work (503, 5xx, 429, network). */
  | { kind: 'unavailable' }
  | { kind: 'failed' };

const FIELDS: readonly TicketField[] = ['subject', 'description', 'email', 'category'];

export async function submitTicket(draft: TicketDraft, locale: Locale): Promise<SubmitOutcome> {
  let response: Response;
  try {
    response = await fetch(TICKETS_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        subject: draft.subject.trim(),
        description: draft.description.trim(),
        email: draft.email.trim(),
        locale,
        ...(draft.category ? { category: draft.category } : {}),
        suggestionsShown: draft.suggestionsShown.slice(-TICKET_FIELD_LIMITS.suggestionsShownMax),
        ...(draft.suggestionOpened ? { suggestionOpened: draft.suggestionOpened } : {}),
        idempotencyKey: draft.idempotencyKey,
      }),
    });
  } catch {
    return { kind: 'unavailable' };
  }
  if (response.status === 201) {
    const body = (await response.json()) as { id: string; reference: string };
    return { kind: 'sent', reference: body.reference, id: body.id };
  }
  if (response.status >= 500 || response.status === 429) return { kind: 'unavailable' };
  if (response.status === 413) return { kind: 'invalid', fields: { description: 'tooLong' }, other: false };
  if (response.status === 400) {
    const body = (await response.json().catch(() => ({}))) as { error?: { fields?: Record<string, string> } };
    const named = Object.keys(body.error?.fields ?? {});
    const fields: Partial<Record<TicketField, 'invalid'>> = {};
    for (const name of named) if ((FIELDS as readonly string[]).includes(name)) fields[name as TicketField] = 'invalid';
    return { kind: 'invalid', fields, other: named.some((name) => !(FIELDS as readonly string[]).includes(name)) || named.length === 0 };
  }
  return { kind: 'failed' };
}

export function saveDraft(draft: TicketDraft): void {
  try {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the text is still in the form.
  }
}

export function loadDraft(): TicketDraft | undefined {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    const draft = raw ? (JSON.parse(raw) as TicketDraft) : undefined;
    return draft && typeof draft.idempotencyKey === 'string' && typeof draft.description === 'string' ? draft : undefined;
  } catch {
    return undefined;
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(DRAFT_KEY);
  } catch {
    // Nothing to clear.
  }
}
