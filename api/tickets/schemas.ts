/**
 * Request and response schemas of ticket intake and the admin ticket routes, in zod with OpenAPI metadata: the
 * same objects validate requests and document them in /api/v1/openapi.json. Runtime-neutral.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../../search-index/core/schemas.ts';
import { cleanInput, cleanOutput } from '../text.ts';
import { TICKET_LIMITS } from './config.ts';

const { subject, description, idempotencyKey } = TICKET_LIMITS;

/** One line of customer text: controls and bidi formatting characters removed (see api/text.ts), trimmed. */
export function cleanLine(text: string): string {
  return cleanInput(text).replace(/ {2,}/g, ' ');
}

/**
 * Customer text with line breaks kept: each line cleaned like cleanLine, CRLF and CR normalised to LF, runs of more
 * than two blank lines collapsed.
 */
export function cleanMultiline(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => cleanOutput(line.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')).trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

const atLeast = (n: number) => `expected at least ${n} characters`;
const atMost = (n: number) => `expected at most ${n} characters`;
const STRING = { error: 'expected a string' };

/** "<locale>/<slug>" of an article or video guide, as the suggestion API returns it in `id`. */
const SUGGESTION_ID = new RegExp(`^(?:${LOCALES.join('|')})/[a-z0-9]+(?:-[a-z0-9]+)*$`);
const SuggestionIdSchema = z
  .string(STRING)
  .max(120, atMost(120))
  .regex(SUGGESTION_ID, 'expected an id like "fa/reset-password"')
  .openapi({ description: '"<locale>/<slug>" of an article or video guide (the `id` of a suggestion).', example: 'fa/modem-red-light' });

export const TicketRequestSchema = z
  .object(
    {
      subject: z
        .string(STRING)
        .overwrite(cleanLine)
        .trim()
        .min(subject.min, atLeast(subject.min))
        .max(subject.max, atMost(subject.max))
        .openapi({ description: 'One line saying what is wrong.', example: 'اینترنت قطع می‌شود' }),
      description: z
        .string(STRING)
        .overwrite(cleanMultiline)
        .trim()
        .min(description.min, atLeast(description.min))
        .max(description.max, atMost(description.max))
        .openapi({
          description: `The problem in the customer's words; line breaks are kept. Over ${description.max} characters is a 413.`,
          example: 'مودمم چراغ قرمز میزنه و اینترنت از صبح وصل نمیشه',
        }),
      email: z
        .string(STRING)
        .trim()
        .max(TICKET_LIMITS.emailMax, atMost(TICKET_LIMITS.emailMax))
        .regex(z.regexes.email, 'expected an email address')
        .openapi({ format: 'email', description: 'Where the support team answers.', example: 'sara@example.com' }),
      locale: z
        .enum(LOCALES, { error: `expected one of ${LOCALES.join(', ')}` })
        .openapi({ description: 'Language the customer wrote in and wants the answer in.', example: 'fa' }),
      category: z
        .string(STRING)
        .max(64, atMost(64))
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a category slug like "internet"')
        .nullish()
        .transform((value) => value ?? null)
        .openapi({ description: 'Category slug the customer picked, if any.', example: 'internet' }),
      suggestionsShown: z
        .array(SuggestionIdSchema, { error: 'expected a list of suggestion ids' })
        .max(TICKET_LIMITS.suggestionsShownMax, `expected at most ${TICKET_LIMITS.suggestionsShownMax} ids`)
        .optional()
        .transform((value) => value ?? [])
        .openapi({ description: 'Ids of the suggestions shown before filing, in the order shown.', example: ['fa/modem-red-light'] }),
      suggestionOpened: SuggestionIdSchema.nullish()
        .transform((value) => value ?? null)
        .openapi({ description: 'Id of the suggestion the customer opened, if any.' }),
      idempotencyKey: z
        .string(STRING)
        .min(idempotencyKey.min, atLeast(idempotencyKey.min))
        .max(idempotencyKey.max, atMost(idempotencyKey.max))
        .regex(/^[A-Za-z0-9._:-]+$/, 'expected letters, digits and . _ : - only')
        .nullish()
        .transform((value) => value ?? null)
        .openapi({
          description:
            'A random key (a UUID) chosen by the client once per ticket. Sending it again, e.g. after a timeout, returns the ticket it first created (201, header Idempotent-Replayed: true) and files nothing new.',
          example: '0b7c3c1e-2f4a-4d6e-9a51-5c0f3b8e7d21',
        }),
    },
    { error: 'expected a JSON object' },
  )
  .openapi('TicketRequest');

/**
 * The contact page's form as a browser posts it (application/x-www-form-urlencoded). Every field is text; the route
 * checks the values with TicketRequestSchema and answers with a page, so these only describe the form.
 */
export const TicketFormSchema = z
  .object({
    subject: z.string().optional().openapi({ description: 'As in TicketRequest.' }),
    description: z.string().optional().openapi({ description: 'As in TicketRequest.' }),
    email: z.string().optional().openapi({ description: 'As in TicketRequest.' }),
    locale: z.string().optional().openapi({ description: 'fa or en: the language of the form and of the answer page.' }),
    category: z.string().optional().openapi({ description: 'A category slug, or empty for none.' }),
  })
  .openapi('TicketForm');

export const OutboxSummarySchema = z
  .object({
    webhook: z.boolean().openapi({ description: 'Whether a help desk webhook is configured (RAHNAMA_WEBHOOK_URL). Without one, tickets stay in the database and count as undelivered.' }),
    undelivered: z.number().int().openapi({ description: 'Tickets the help desk has not acknowledged yet.' }),
    failing: z.number().int().openapi({ description: 'Of those, the ones still being retried after at least one failed delivery attempt.' }),
    refused: z.number().int().openapi({
      description: 'Of those, the ones the help desk refused (HTTP 400, 410, 413 or 422) several times in a row: they are set aside until sent again (POST /admin/outbox/redeliver).',
    }),
    oldestCreatedAt: z.string().nullable().openapi({ format: 'date-time', description: 'When the oldest undelivered ticket was filed.' }),
    lastFailure: z
      .object({
        reference: z.string(),
        attempts: z.number().int(),
        error: z.string().openapi({ description: 'Why its last attempt failed, e.g. "HTTP 401".' }),
      })
      .nullable()
      .openapi({ description: 'The failing or refused ticket due to be tried last, with its last error.' }),
  })
  .openapi('OutboxSummary');

export const RequeuedSchema = z
  .object({
    requeued: z.number().int().openapi({ description: 'Undelivered tickets now due to be sent (refused ones included).' }),
  })
  .openapi('OutboxRequeued');

export const TicketCreatedSchema = z
  .object({
    id: z.string().openapi({ description: 'Opaque ticket id.', example: '4f6c1d2e-8a9b-4c3d-9e0f-1a2b3c4d5e6f' }),
    reference: z.string().openapi({ description: 'Reference to quote to the support team.', example: 'TZ-7K3Q9D' }),
  })
  .openapi('TicketCreated');

const Time = z.string().openapi({ format: 'date-time', example: '2026-11-22T12:00:00.000Z' });

export const DeliverySchema = z
  .object({
    state: z.enum(['pending', 'delivered', 'refused']).openapi({
      description:
        'pending: not acknowledged by the help desk yet, retried until it is; delivered: acknowledged (never sent again); refused: the help desk refused this ticket several times in a row, set aside until it is sent again (POST /admin/tickets/{id}/redeliver).',
    }),
    attempts: z.number().int(),
    nextAttemptAt: Time.nullable().openapi({ description: 'When the next attempt is due; null once delivered or refused.' }),
    deliveredAt: Time.nullable(),
    refusedAt: Time.nullable().openapi({ description: 'When the ticket was set aside as refused; null unless it is.' }),
    lastError: z.string().nullable().openapi({ description: 'Why the last attempt failed, e.g. "HTTP 500".' }),
  })
  .openapi('TicketDelivery');

export const TicketSummarySchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    subject: z.string(),
    email: z.string(),
    locale: z.enum(LOCALES),
    category: z.string().nullable(),
    createdAt: Time,
    delivery: DeliverySchema,
  })
  .openapi('TicketSummary');

export const TicketDetailSchema = TicketSummarySchema.extend({
  description: z.string(),
  suggestionsShown: z.array(z.string()),
  suggestionOpened: z.string().nullable(),
}).openapi('TicketDetail');

const pageMessage = `expected an integer from 1 to ${TICKET_LIMITS.pageMax}`;

export const TicketListQuerySchema = z.object({
  limit: z.coerce
    .number({ error: pageMessage })
    .int(pageMessage)
    .min(1, pageMessage)
    .max(TICKET_LIMITS.pageMax, pageMessage)
    .default(TICKET_LIMITS.pageDefault)
    .openapi({ param: { name: 'limit', in: 'query' }, description: 'Tickets per page.', example: TICKET_LIMITS.pageDefault }),
  cursor: z
    .string(STRING)
    .max(64, atMost(64))
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'The `nextCursor` of the previous page; opaque.' }),
});

export const TicketListSchema = z
  .object({
    tickets: z.array(TicketSummarySchema).openapi({ description: 'Newest first.' }),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for older tickets; null on the last page.' }),
  })
  .openapi('TicketList');

export const TicketIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'The ticket id or its reference.', example: 'TZ-7K3Q9D' }),
});

export type TicketRequest = z.infer<typeof TicketRequestSchema>;
