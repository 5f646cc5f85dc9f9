/** The parts of GET /api/v1/admin/insights the page reads (api/insights/schemas.ts is the authority). */

export interface FunnelCounts {
  sessions: number;
  withSuggestions: number;
  confirmed: number;
  probable: number;
  informedButFiled: number;
  ignored: number;
  pending: number;
  noAction: number;
  gap: number;
  tickets: number;
  deflectionRate: number | null;
  selfServiceScore: number | null;
}

export interface InsightsReport {
  from: string;
  to: string;
  locale: 'fa' | 'en' | null;
  timeZone: string;
  windowMinutes: number;
  funnel: { total: FunnelCounts; days: Array<FunnelCounts & { day: string }> };
  gaps: Array<{ terms: string[]; count: number; noResults: number; weak: number; gapTickets: number; examples: string[] }>;
  articles: {
    deflections: Array<{ id: string; title: string; count: number }>;
    notNeeded: Array<{ id: string; title: string; count: number }>;
    helpfulness: Array<{ id: string; title: string; helpful: number; notHelpful: number; share: number; reasons: string[] }>;
  };
  stale: Array<{ id: string; title: string; kind: 'article' | 'video'; updated: string; reviewBy: string; reasons: Array<'review_due' | 'not_updated'> }>;
}

/** The funnel's buckets in the order the page shows them. */
export const BUCKETS = ['confirmed', 'probable', 'informedButFiled', 'ignored', 'pending', 'noAction', 'gap'] as const;
export type Bucket = (typeof BUCKETS)[number];
