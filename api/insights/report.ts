/**
 * The insights report as a pure function of a range's sessions, tickets and the article catalog: the funnel per
 * day, content gaps, article rankings and stale articles. Runtime-neutral; the route and `npm run report` share it.
 */
import type { Locale } from '../../search-index/core/schemas.ts';
import { queryTerms, safeText } from '../events/normalise.ts';
import type { StoredEvent } from '../events/schemas.ts';
import type { TicketFact } from '../events/store.ts';
import { dayIn } from './days.ts';
import { classifySession, funnelByDay, sessionsOf, type FunnelCounts, type FunnelDay, type SessionOutcome } from './funnel.ts';

/** Report sizes: named, in one place. */
export const REPORT_LIMITS = {
  /** Rows per ranking and gap list. */
  maxRows: 50,
  /** Redacted examples kept per gap. */
  examplesPerGap: 3,
  /** Redacted "not helpful" reasons kept per article. */
  reasonsPerArticle: 3,
  /** Characters of a ticket subject shown as a gap example. */
  exampleChars: 160,
} as const;

/** What the reports need to know about an article or video guide. */
export interface ArticleMeta {
  /** "<locale>/<slug>", the suggestion id. */
  id: string;
  locale: Locale;
  kind: 'article' | 'video';
  title: string;
  /** YYYY-MM-DD */
  updated: string;
  /** YYYY-MM-DD */
  reviewBy: string;
}

export interface ReportOptions {
  from: number;
  to: number;
  locale?: Locale;
  windowMs: number;
  now: number;
  staleAfterDays: number;
  /** IANA zone of the report's days (and of "today" for reviewBy); default UTC. */
  timeZone?: string;
}

export interface GapRow {
  /** The normalised terms the queries share (sorted). */
  terms: string[];
  count: number;
  /** Searches and suggestion requests that found nothing. */
  noResults: number;
  /** Final queries of sessions whose suggestions did not help (filed anyway, or "not what I need"). */
  weak: number;
  /** Tickets filed with no suggestion shown (gap bucket), by their subject's terms. */
  gapTickets: number;
  /** Redacted examples of the text. */
  examples: string[];
}

export interface ArticleCount {
  id: string;
  title: string;
  count: number;
}

export interface HelpfulnessRow {
  id: string;
  title: string;
  helpful: number;
  notHelpful: number;
  /** helpful / (helpful + notHelpful) */
  share: number;
  reasons: string[];
}

export interface StaleRow {
  id: string;
  title: string;
  kind: 'article' | 'video';
  updated: string;
  reviewBy: string;
  /** Why it is listed. */
  reasons: Array<'review_due' | 'not_updated'>;
}

export interface InsightsReport {
  from: string;
  to: string;
  locale: Locale | null;
  /** The zone the days are counted in. */
  timeZone: string;
  windowMinutes: number;
  generatedAt: string;
  funnel: { total: FunnelCounts; days: FunnelDay[] };
  gaps: GapRow[];
  articles: { deflections: ArticleCount[]; notNeeded: ArticleCount[]; helpfulness: HelpfulnessRow[] };
  stale: StaleRow[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

function localeOfId(id: string): string {
  return id.slice(0, id.indexOf('/'));
}

/** Sessions whose first event lies in the range, classified; the locale falls back to their ticket's. */
export function outcomesOf(events: readonly StoredEvent[], tickets: readonly TicketFact[], options: Pick<ReportOptions, 'from' | 'to' | 'windowMs' | 'now'>) {
  const ticketLocale = new Map<string, Locale>();
  for (const ticket of tickets) {
    ticketLocale.set(ticket.id, ticket.locale);
    ticketLocale.set(ticket.reference, ticket.locale);
  }
  const sessions: Array<{ outcome: SessionOutcome; events: StoredEvent[] }> = [];
  for (const list of sessionsOf(events).values()) {
    const first = list[0]!;
    if (first.at < options.from || first.at >= options.to) continue;
    const outcome = classifySession(list, options);
    if (outcome.locale === null) outcome.locale = outcome.ticketKeys.map((key) => ticketLocale.get(key)).find(Boolean) ?? null;
    sessions.push({ outcome, events: list });
  }
  return sessions;
}

class Counter<T extends { count: number }> {
  readonly rows = new Map<string, T>();
  add(key: string, make: () => T): T {
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = make()));
    return row;
  }
  top(): T[] {
    return [...this.rows.entries()]
      .sort(([ka, a], [kb, b]) => b.count - a.count || ka.localeCompare(kb))
      .map(([, row]) => row)
      .slice(0, REPORT_LIMITS.maxRows);
  }
}

function pushExample(examples: string[], text: string): void {
  if (text && !examples.includes(text) && examples.length < REPORT_LIMITS.examplesPerGap) examples.push(text);
}

export function buildReport(
  input: { events: readonly StoredEvent[]; tickets: readonly TicketFact[]; catalog: readonly ArticleMeta[] },
  options: ReportOptions,
): InsightsReport {
  const sessions = outcomesOf(input.events, input.tickets, options).filter(({ outcome }) => !options.locale || outcome.locale === options.locale);
  const ticketsInRange = input.tickets.filter((ticket) => ticket.createdAt >= options.from && ticket.createdAt < options.to);
  const timeZone = options.timeZone ?? 'UTC';
  const funnel = funnelByDay({ outcomes: sessions.map((s) => s.outcome), tickets: ticketsInRange, locale: options.locale, dayOf: (time) => dayIn(time, timeZone) });
  const titles = new Map(input.catalog.map((article) => [article.id, article.title]));
  const title = (id: string) => titles.get(id) ?? id;
  const wanted = (id: string) => !options.locale || localeOfId(id) === options.locale;
  const ticketsByKey = new Map<string, TicketFact>();
  for (const ticket of input.tickets) {
    ticketsByKey.set(ticket.id, ticket);
    ticketsByKey.set(ticket.reference, ticket);
  }

  const gaps = new Counter<GapRow>();
  const gapRow = (terms: string[]) => {
    const sorted = [...new Set(terms)].sort();
    return gaps.add(sorted.join(' '), () => ({ terms: sorted, count: 0, noResults: 0, weak: 0, gapTickets: 0, examples: [] }));
  };
  const deflections = new Counter<ArticleCount>();
  const notNeeded = new Counter<ArticleCount>();
  const votes = new Map<string, HelpfulnessRow>();

  for (const { outcome, events } of sessions) {
    if (outcome.deflectedBy && wanted(outcome.deflectedBy)) {
      deflections.add(outcome.deflectedBy, () => ({ id: outcome.deflectedBy!, title: title(outcome.deflectedBy!), count: 0 })).count++;
    }
    const noResultKeys = new Set<string>();
    let lastShown: { query: string; terms: string[] } | null = null;
    let saidNotNeeded = false;
    for (const event of events) {
      const data = event.data;
      if ((data.type === 'search_no_results' || (data.type === 'suggestion_shown' && data.results.length === 0)) && data.terms.length > 0) {
        const key = [...data.terms].sort().join(' ');
        if (noResultKeys.has(key)) continue;
        noResultKeys.add(key);
        const row = gapRow(data.terms);
        row.count++;
        row.noResults++;
        pushExample(row.examples, data.query);
      } else if (data.type === 'suggestion_shown' && data.results.length > 0) {
        lastShown = { query: data.query, terms: data.terms };
      } else if (data.type === 'answer_feedback' && data.verdict === 'not_needed') {
        saidNotNeeded = true;
        if (wanted(data.id)) notNeeded.add(data.id, () => ({ id: data.id, title: title(data.id), count: 0 })).count++;
      } else if (data.type === 'article_vote' && wanted(data.id)) {
        let row = votes.get(data.id);
        if (!row) votes.set(data.id, (row = { id: data.id, title: title(data.id), helpful: 0, notHelpful: 0, share: 0, reasons: [] }));
        if (data.helpful) row.helpful++;
        else {
          row.notHelpful++;
          if (data.reason && row.reasons.length < REPORT_LIMITS.reasonsPerArticle && !row.reasons.includes(data.reason)) row.reasons.push(data.reason);
        }
      }
    }
    const unhelped = outcome.bucket === 'ignored' || outcome.bucket === 'informedButFiled' || (saidNotNeeded && outcome.bucket !== 'confirmed');
    if (unhelped && lastShown && lastShown.terms.length > 0) {
      const row = gapRow(lastShown.terms);
      row.count++;
      row.weak++;
      pushExample(row.examples, lastShown.query);
    }
    if (outcome.bucket === 'gap') {
      const ticket = outcome.ticketKeys.map((key) => ticketsByKey.get(key)).find(Boolean);
      if (ticket) {
        const subject = safeText(ticket.subject, REPORT_LIMITS.exampleChars);
        const terms = queryTerms(subject);
        if (terms.length > 0) {
          const row = gapRow(terms);
          row.count++;
          row.gapTickets++;
          pushExample(row.examples, subject);
        }
      }
    }
  }

  const helpfulness = [...votes.values()]
    .map((row) => ({ ...row, share: row.helpful / (row.helpful + row.notHelpful) }))
    .sort((a, b) => b.helpful + b.notHelpful - (a.helpful + a.notHelpful) || a.share - b.share || a.id.localeCompare(b.id))
    .slice(0, REPORT_LIMITS.maxRows);

  const today = dayIn(options.now, timeZone);
  const staleBefore = dayIn(options.now - options.staleAfterDays * DAY_MS, timeZone);
  const stale: StaleRow[] = input.catalog
    .filter((article) => !options.locale || article.locale === options.locale)
    .map((article) => {
      const reasons: StaleRow['reasons'] = [];
      if (article.reviewBy < today) reasons.push('review_due');
      if (article.updated < staleBefore) reasons.push('not_updated');
      return { id: article.id, title: article.title, kind: article.kind, updated: article.updated, reviewBy: article.reviewBy, reasons };
    })
    .filter((row) => row.reasons.length > 0)
    .sort((a, b) => a.reviewBy.localeCompare(b.reviewBy) || a.id.localeCompare(b.id));

  return {
    from: new Date(options.from).toISOString(),
    to: new Date(options.to).toISOString(),
    locale: options.locale ?? null,
    timeZone,
    windowMinutes: options.windowMs / 60_000,
    generatedAt: new Date(options.now).toISOString(),
    funnel,
    gaps: gaps.top(),
    articles: { deflections: deflections.top(), notNeeded: notNeeded.top(), helpfulness },
    stale,
  };
}
