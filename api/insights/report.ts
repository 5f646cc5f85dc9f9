/**
 * The insights report from a range's sessions, tickets and the article catalog: the funnel per day, content gaps,
 * article rankings and stale articles. Sessions come a batch at a time (ReportBuilder); no I/O here. Runtime-neutral;
 * the route and `npm run report` share it through loadReport (api/insights/routes.ts).
 */
import type { Locale } from '../../search-index/core/schemas.ts';
import { queryTerms, safeText } from '../events/normalise.ts';
import type { StoredEvent } from '../events/schemas.ts';
import type { TicketFact, TicketTime } from '../events/store.ts';
import { dayIn } from './days.ts';
import { classifySession, FunnelTally, sessionsOf, type FunnelCounts, type FunnelDay, type SessionOutcome } from './funnel.ts';

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

/**
 * Builds the report from sessions fed a batch at a time (api/insights/routes.ts reads them so), keeping only counts
 * and the capped rows of the lists: its memory grows with the days, the gaps and the articles, not with the events.
 */
export class ReportBuilder {
  readonly #options: ReportOptions;
  readonly #catalog: readonly ArticleMeta[];
  readonly #titles: Map<string, string>;
  readonly #timeZone: string;
  readonly #funnel: FunnelTally;
  readonly #gaps = new Counter<GapRow>();
  readonly #deflections = new Counter<ArticleCount>();
  readonly #notNeeded = new Counter<ArticleCount>();
  readonly #votes = new Map<string, HelpfulnessRow>();

  constructor(catalog: readonly ArticleMeta[], options: ReportOptions) {
    this.#options = options;
    this.#catalog = catalog;
    this.#titles = new Map(catalog.map((article) => [article.id, article.title]));
    this.#timeZone = options.timeZone ?? 'UTC';
    this.#funnel = new FunnelTally({ locale: options.locale, dayOf: (time) => dayIn(time, this.#timeZone) });
  }

  #title(id: string): string {
    return this.#titles.get(id) ?? id;
  }

  #wanted(id: string): boolean {
    return !this.#options.locale || localeOfId(id) === this.#options.locale;
  }

  #gapRow(terms: string[]): GapRow {
    const sorted = [...new Set(terms)].sort();
    return this.#gaps.add(sorted.join(' '), () => ({ terms: sorted, count: 0, noResults: 0, weak: 0, gapTickets: 0, examples: [] }));
  }

  /**
   * Adds whole sessions: every event of each (in time order within a session), and the tickets they name. A session
   * whose first event lies outside the range is skipped; its locale falls back to its ticket's.
   */
  addSessions(events: readonly StoredEvent[], tickets: readonly TicketFact[]): void {
    const ticketsByKey = new Map<string, TicketFact>();
    for (const ticket of tickets) {
      ticketsByKey.set(ticket.id, ticket);
      ticketsByKey.set(ticket.reference, ticket);
    }
    const { from, to, locale } = this.#options;
    for (const list of sessionsOf(events).values()) {
      const first = list[0]!;
      if (first.at < from || first.at >= to) continue;
      const outcome = classifySession(list, this.#options);
      if (outcome.locale === null) outcome.locale = outcome.ticketKeys.map((key) => ticketsByKey.get(key)?.locale).find(Boolean) ?? null;
      if (locale && outcome.locale !== locale) continue;
      this.#funnel.addSession(outcome);
      this.#addSession(outcome, list, ticketsByKey);
    }
  }

  /** Counts the tickets created in the range, per day. */
  addTickets(tickets: Iterable<TicketTime>): void {
    for (const ticket of tickets) this.#funnel.addTicket(ticket);
  }

  #addSession(outcome: SessionOutcome, events: readonly StoredEvent[], ticketsByKey: ReadonlyMap<string, TicketFact>): void {
    if (outcome.deflectedBy && this.#wanted(outcome.deflectedBy)) {
      const id = outcome.deflectedBy;
      this.#deflections.add(id, () => ({ id, title: this.#title(id), count: 0 })).count++;
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
        const row = this.#gapRow(data.terms);
        row.count++;
        row.noResults++;
        pushExample(row.examples, data.query);
      } else if (data.type === 'suggestion_shown' && data.results.length > 0) {
        lastShown = { query: data.query, terms: data.terms };
      } else if (data.type === 'answer_feedback' && data.verdict === 'not_needed') {
        saidNotNeeded = true;
        if (this.#wanted(data.id)) this.#notNeeded.add(data.id, () => ({ id: data.id, title: this.#title(data.id), count: 0 })).count++;
      } else if (data.type === 'article_vote' && this.#wanted(data.id)) {
        let row = this.#votes.get(data.id);
        if (!row) this.#votes.set(data.id, (row = { id: data.id, title: this.#title(data.id), helpful: 0, notHelpful: 0, share: 0, reasons: [] }));
        if (data.helpful) row.helpful++;
        else {
          row.notHelpful++;
          if (data.reason && row.reasons.length < REPORT_LIMITS.reasonsPerArticle && !row.reasons.includes(data.reason)) row.reasons.push(data.reason);
        }
      }
    }
    const unhelped = outcome.bucket === 'ignored' || outcome.bucket === 'informedButFiled' || (saidNotNeeded && outcome.bucket !== 'confirmed');
    if (unhelped && lastShown && lastShown.terms.length > 0) {
      const row = this.#gapRow(lastShown.terms);
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
          const row = this.#gapRow(terms);
          row.count++;
          row.gapTickets++;
          pushExample(row.examples, subject);
        }
      }
    }
  }

  /** The report of everything added. */
  finish(): InsightsReport {
    const options = this.#options;
    const timeZone = this.#timeZone;
    const votes = this.#votes;
    const helpfulness = [...votes.values()]
      .map((row) => ({ ...row, share: row.helpful / (row.helpful + row.notHelpful) }))
      .sort((a, b) => b.helpful + b.notHelpful - (a.helpful + a.notHelpful) || a.share - b.share || a.id.localeCompare(b.id))
      .slice(0, REPORT_LIMITS.maxRows);

    const today = dayIn(options.now, timeZone);
    const staleBefore = dayIn(options.now - options.staleAfterDays * DAY_MS, timeZone);
    const stale: StaleRow[] = this.#catalog
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
      funnel: this.#funnel.result(),
      gaps: this.#gaps.top(),
      articles: { deflections: this.#deflections.top(), notNeeded: this.#notNeeded.top(), helpfulness },
      stale,
    };
  }
}
