/** Query and response schemas of GET /admin/insights, in zod with OpenAPI metadata. Runtime-neutral. */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../../search-index/core/schemas.ts';

const DATE_MESSAGE = 'expected a date YYYY-MM-DD or an ISO time';
const DateParam = (name: string, description: string) =>
  z
    .string({ error: DATE_MESSAGE })
    .regex(/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/, DATE_MESSAGE)
    .refine((value) => !Number.isNaN(Date.parse(value)), DATE_MESSAGE)
    .optional()
    .openapi({ param: { name, in: 'query' }, description });

export const InsightsQuerySchema = z.object({
  from: DateParam('from', 'Start of the range (inclusive); a date is its midnight in `tz`. Default: 30 days before `to`.'),
  to: DateParam('to', 'End of the range; a date includes that whole day (in `tz`). Default: now.'),
  locale: z
    .enum(LOCALES, { error: `expected one of ${LOCALES.join(', ')}` })
    .optional()
    .openapi({ param: { name: 'locale', in: 'query' }, description: 'Only sessions and articles of this locale.' }),
  tz: z
    .string({ error: 'expected an IANA time zone like Asia/Tehran' })
    .max(64)
    .regex(/^[A-Za-z][A-Za-z0-9_+\-/]*$/, 'expected an IANA time zone like Asia/Tehran')
    .optional()
    .openapi({ param: { name: 'tz', in: 'query' }, description: 'Time zone of the days (and of date-only from/to). Default UTC.', example: 'Asia/Tehran' }),
  format: z
    .enum(['json', 'csv'], { error: 'expected json or csv' })
    .optional()
    .openapi({ param: { name: 'format', in: 'query' }, description: 'csv: the same report as a CSV table.' }),
});

const Rate = z.number().nullable();
const Counts = {
  sessions: z.number().int(),
  withSuggestions: z.number().int(),
  confirmed: z.number().int(),
  probable: z.number().int(),
  informedButFiled: z.number().int(),
  ignored: z.number().int(),
  pending: z.number().int(),
  noAction: z.number().int(),
  gap: z.number().int(),
  tickets: z.number().int(),
  deflectionRate: Rate.openapi({ description: '(confirmed + probable) / withSuggestions' }),
  selfServiceScore: Rate.openapi({ description: 'sessions / tickets (Zendesk self-service score)' }),
};
const FunnelCountsSchema = z.object(Counts).openapi('FunnelCounts');
const FunnelDaySchema = z.object({ day: z.string(), ...Counts }).openapi('FunnelDay');
const ArticleCountSchema = z.object({ id: z.string(), title: z.string(), count: z.number().int() }).openapi('ArticleCount');

export const InsightsReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    locale: z.enum(LOCALES).nullable(),
    timeZone: z.string(),
    windowMinutes: z.number(),
    generatedAt: z.string(),
    funnel: z.object({ total: FunnelCountsSchema, days: z.array(FunnelDaySchema) }),
    gaps: z.array(
      z.object({
        terms: z.array(z.string()),
        count: z.number().int(),
        noResults: z.number().int(),
        weak: z.number().int(),
        gapTickets: z.number().int(),
        examples: z.array(z.string()).openapi({ description: 'Redacted examples.' }),
      }),
    ),
    articles: z.object({
      deflections: z.array(ArticleCountSchema),
      notNeeded: z.array(ArticleCountSchema),
      helpfulness: z.array(
        z.object({ id: z.string(), title: z.string(), helpful: z.number().int(), notHelpful: z.number().int(), share: z.number(), reasons: z.array(z.string()) }),
      ),
    }),
    stale: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.enum(['article', 'video']),
        updated: z.string(),
        reviewBy: z.string(),
        reasons: z.array(z.enum(['review_due', 'not_updated'])),
      }),
    ),
  })
  .openapi('InsightsReport');
