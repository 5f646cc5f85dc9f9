/**
 * `npm run traffic:day -- <url>`: plays a scripted day of help-center sessions through the real HTTP API of a
 * running server, then compares the deflection funnel it expects with what GET /api/v1/admin/insights reports.
 * Exits 1 on any mismatch (and 2 when the server cannot be used). Run it against a quiet server: the comparison
 * is of the report's change over the run, so other traffic in the same hours would show up as a mismatch.
 *
 * Each session asks POST /api/v1/suggest for real suggestions (the scenario's own article ids stand in when the
 * index returns none), files real tickets with POST /api/v1/tickets, and sends its events in one batch to
 * POST /api/v1/events, as a browser tab flushes them on page hide. Sessions are spread over the last 20 hours
 * (the events carry their client time; the server corrects it by the batch's sentAt and clamps it to a day), and
 * all end at least 40 minutes ago, so every deflection window has closed when the report is read.
 *
 * Some queries carry personal data (email addresses, Iranian mobile numbers in Persian and ASCII digits, a card
 * number): PERSONAL_DATA lists them so a test can check that none reaches the database.
 *
 * Options: --token <admin token> (default: $RAHNAMA_ADMIN_TOKEN), --json (print the comparison as JSON),
 * --settle <ms> (how long to wait for the report to catch up with the events; default 15000).
 */
import { randomUUID } from 'node:crypto';

type Locale = 'fa' | 'en';
type Bucket = 'confirmed' | 'probable' | 'informedButFiled' | 'ignored' | 'gap' | 'noAction' | null;

/** The raw personal data in the scripted queries: none of it may be stored. */
export const PERSONAL_DATA = [
  'sara.tehrani@example.com',
  'reza.k@mail.example.ir',
  '۰۹۱۲۳۴۵۶۷۸۹',
  '09123456789',
  '۰۹۳۵ ۱۱۱ ۲۲۳۳',
  '+98 912 555 1234',
  '۶۰۳۷۹۹۱۱۲۲۳۳۴۴۵۵',
] as const;

interface Scenario {
  name: string;
  locale: Locale;
  bucket: Bucket;
  /** What the customer types (suggest and suggestion_shown), or null for a session without suggestions. */
  query: string | null;
  /** Used when the index returns no suggestion for the query. */
  fallback: string[];
  /** Minute offsets of what the customer does after the suggestions appear. */
  steps: Array<[number, 'open' | 'solved' | 'not_needed' | 'ticket' | 'ticket_with_opened' | 'no_results' | 'vote_yes' | 'vote_no']>;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Sessions run from this long ago ... */
const DAY_START_AGO = 20 * HOUR;
/** ... to this long ago at the latest, so every deflection window has closed. */
const DAY_END_AGO = 40 * MIN;

/** The scripted day. `window` is the server's deflection window in minutes (read from the report first). */
export function scenarios(window: number): Scenario[] {
  const fa = (name: string, bucket: Bucket, query: string | null, fallback: string[], steps: Scenario['steps']): Scenario => ({ name, locale: 'fa', bucket, query, fallback, steps });
  const en = (name: string, bucket: Bucket, query: string | null, fallback: string[], steps: Scenario['steps']): Scenario => ({ name, locale: 'en', bucket, query, fallback, steps });
  return [
    fa('modem light, solved', 'confirmed', 'مودمم چراغ قرمز میزنه و اینترنت وصل نمیشه', ['fa/modem-red-light'], [[1, 'open'], [3, 'solved']]),
    fa('password, solved, phone in query', 'confirmed', 'رمزم یادم رفته شماره‌ام ۰۹۱۲۳۴۵۶۷۸۹ است', ['fa/reset-password'], [[1, 'open'], [2, 'solved'], [4, 'vote_yes']]),
    fa('bill payment, solved', 'confirmed', 'پرداخت قبض اینترنت', ['fa/pay-bill-online'], [[2, 'solved']]),
    en('slow internet, solved', 'confirmed', 'my internet is very slow in the evening', ['en/slow-internet'], [[1, 'open'], [5, 'solved']]),
    en('wifi password, solved, email in query', 'confirmed', 'change wifi password, my email is sara.tehrani@example.com', ['en/change-wifi-password'], [[1, 'open'], [2, 'solved']]),
    fa('esim, opened and left', 'probable', 'فعال سازی ای سیم', ['fa/esim-setup'], [[1, 'open']]),
    fa('traffic finished, opened two', 'probable', 'حجم اینترنتم تموم شده', ['fa/traffic-finished', 'fa/buy-data-package'], [[1, 'open'], [4, 'open'], [6, 'vote_yes']]),
    fa(`ticket ${window + 1} min after opening: outside the window`, 'probable', 'سیم کارت پین و پوک', ['fa/sim-puk-locked'], [[1, 'open'], [window + 2, 'ticket']]),
    en('roaming, opened and left, phone in query', 'probable', 'use my SIM abroad, number +98 912 555 1234', ['en/roaming-abroad'], [[1, 'open']]),
    fa('opened, then filed', 'informedButFiled', 'پول از حسابم کم شد ولی پرداخت ناموفق بود کارت ۶۰۳۷۹۹۱۱۲۲۳۳۴۴۵۵', ['fa/payment-failed-money-deducted'], [[1, 'open'], [6, 'ticket_with_opened']]),
    fa(`ticket exactly ${window} min after opening: inside the window`, 'informedButFiled', 'مودم ست آپ', ['fa/modem-setup'], [[1, 'open'], [window + 1, 'ticket']]),
    en('said solved, then filed anyway', 'informedButFiled', 'refund request for double payment', ['en/request-refund'], [[1, 'solved'], [8, 'ticket_with_opened']]),
    fa('filed without opening', 'ignored', 'اینترنت قطع و وصل میشه', ['fa/modem-red-light'], [[2, 'ticket']]),
    fa('filed without opening, email in query', 'ignored', 'فاکتور رسمی شرکت ایمیل reza.k@mail.example.ir', ['fa/official-invoice'], [[3, 'ticket']]),
    en('filed without opening', 'ignored', 'cancel my order please', ['en/cancel-order'], [[1, 'ticket']]),
    fa('no results, then filed', 'gap', null, [], [[0, 'no_results'], [4, 'ticket']]),
    en('no results, then filed', 'gap', null, [], [[0, 'no_results'], [2, 'ticket']]),
    fa('filed from a form without suggestions', 'gap', null, [], [[0, 'ticket']]),
    fa('saw suggestions and left, phone in query', 'noAction', 'شماره ۰۹۳۵ ۱۱۱ ۲۲۳۳ آنتن نمیده', ['fa/no-mobile-signal'], []),
    en('said "not what I need" and left', 'noAction', 'modem setup fiber', ['en/modem-setup'], [[1, 'not_needed']]),
    fa('voted on an article only', null, null, [], [[0, 'vote_no']]),
    en('searched, found nothing, left', null, null, [], [[0, 'no_results']]),
  ];
}

/** Queries of the no-results searches, with personal data too. */
const NO_RESULT_QUERIES: Record<Locale, string> = { fa: 'فیبر نوری در روستای ما ۰۹۱۲۳۴۵۶۷۸۹', en: 'fibre in my village, call 09123456789' };
const TICKET_SUBJECTS: Record<Locale, string> = { fa: 'مشکل اینترنت خانگی', en: 'Problem with my home internet' };

export interface Expected {
  sessions: number;
  withSuggestions: number;
  confirmed: number;
  probable: number;
  informedButFiled: number;
  ignored: number;
  noAction: number;
  gap: number;
  tickets: number;
}

const METRICS = ['sessions', 'withSuggestions', 'confirmed', 'probable', 'informedButFiled', 'ignored', 'noAction', 'gap', 'tickets'] as const;

function emptyExpected(): Expected {
  return { sessions: 0, withSuggestions: 0, confirmed: 0, probable: 0, informedButFiled: 0, ignored: 0, noAction: 0, gap: 0, tickets: 0 };
}

class Client {
  readonly base: string;
  readonly token: string;
  constructor(base: string, token: string) {
    this.base = base;
    this.token = token;
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(new URL(path, this.base), init);
      // The app's per-IP rate limit: wait as told and try again.
      if (res.status === 429 && attempt < 20) {
        await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('Retry-After') ?? 1) * 1000));
        continue;
      }
      return res;
    }
  }

  async json<T>(path: string, body?: unknown, expected = 200): Promise<T> {
    const init: RequestInit = body === undefined ? { headers: this.auth() } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    const res = await this.request(path, init);
    if (res.status !== expected) throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return (await res.json()) as T;
  }

  auth(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}` };
  }
}

interface ReportTotals extends Expected {
  windowMinutes: number;
  days: Array<Expected & { day: string }>;
}

async function readReport(client: Client, from: number, to: number, locale?: Locale): Promise<ReportTotals> {
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...(locale ? { locale } : {}) });
  const report = await client.json<{ windowMinutes: number; funnel: { total: Expected; days: Array<Expected & { day: string }> } }>(`/api/v1/admin/insights?${query}`);
  return { ...report.funnel.total, windowMinutes: report.windowMinutes, days: report.funnel.days };
}

let suggestWarned = false;

/** The ids POST /suggest answers, or null when it has none or cannot answer (the index may be rebuilding). */
async function suggestIds(client: Client, description: string, locale: Locale): Promise<string[] | null> {
  const res = await client.request('/api/v1/suggest', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ description, locale, limit: 3 }) });
  if (res.status !== 200) {
    if (!suggestWarned) process.stderr.write(`traffic-day: POST /api/v1/suggest answered ${res.status}; the scenario's own article ids stand in for suggestions\n`);
    suggestWarned = true;
    return null;
  }
  const { suggestions } = (await res.json()) as { suggestions: Array<{ id: string }> };
  return suggestions.length > 0 ? suggestions.map((s) => s.id) : null;
}

/** Plays one session; returns the UTC day of its first event. */
async function playSession(client: Client, scenario: Scenario, start: number, index: number): Promise<string> {
  const sessionId = randomUUID();
  const events: Array<Record<string, unknown>> = [];
  let shown: Array<{ id: string; rank: number }> = [];
  if (scenario.query !== null) {
    const ids = (await suggestIds(client, scenario.query, scenario.locale)) ?? scenario.fallback;
    shown = ids.map((id, i) => ({ id, rank: i + 1 }));
    events.push({ type: 'suggestion_shown', at: start, surface: index % 3 === 0 ? 'widget' : 'contact', locale: scenario.locale, query: scenario.query, results: shown });
  }
  // The scenario's own article is the one the customer opens (it is among the shown ones or stands in for them).
  const answer = scenario.fallback[0];
  const opened: string[] = [];
  for (const [minute, action] of scenario.steps) {
    const at = start + minute * MIN;
    const id = answer ?? shown[0]?.id ?? `${scenario.locale}/reset-password`;
    switch (action) {
      case 'open': {
        const target = opened.includes(id) && scenario.fallback[1] ? scenario.fallback[1] : id;
        opened.push(target);
        events.push({ type: 'suggestion_opened', at, id: target, rank: 1 });
        break;
      }
      case 'solved':
      case 'not_needed':
        events.push({ type: 'answer_feedback', at, id, verdict: action });
        break;
      case 'vote_yes':
      case 'vote_no':
        events.push({ type: 'article_vote', at, id: `${scenario.locale}/slow-internet`, helpful: action === 'vote_yes', ...(action === 'vote_no' ? { reason: 'Steps do not match my modem' } : {}) });
        break;
      case 'no_results':
        events.push({ type: 'search_no_results', at, query: NO_RESULT_QUERIES[scenario.locale], locale: scenario.locale });
        break;
      case 'ticket':
      case 'ticket_with_opened': {
        const withOpened = action === 'ticket_with_opened' ? (opened.length > 0 ? opened : [id]) : [];
        const ticket = await client.json<{ id: string; reference: string }>(
          '/api/v1/tickets',
          {
            subject: TICKET_SUBJECTS[scenario.locale],
            description: `${scenario.name}: the customer describes the problem here.`,
            email: `customer${index + 1}@example.net`,
            locale: scenario.locale,
            suggestionsShown: shown.map((s) => s.id),
            suggestionOpened: withOpened[0] ?? null,
            idempotencyKey: `traffic-day-${sessionId}`,
          },
          201,
        );
        events.push({ type: 'ticket_submitted', at, ticketId: ticket.id, reference: ticket.reference, shown: shown.map((s) => s.id), opened: withOpened });
        break;
      }
    }
  }
  await client.json('/api/v1/events', { sessionId, sentAt: Date.now(), locale: scenario.locale, events }, 202);
  return new Date(start).toISOString().slice(0, 10);
}

export interface DayResult {
  ok: boolean;
  windowMinutes: number;
  expected: { total: Expected; fa: Expected; days: Record<string, Expected> };
  reported: { total: Expected; fa: Expected; days: Record<string, Expected> };
}

function tally(target: Expected, scenario: Scenario): void {
  target.sessions++;
  if (scenario.bucket !== null) {
    target[scenario.bucket]++;
    if (scenario.bucket !== 'gap') target.withSuggestions++;
  }
  target.tickets += scenario.steps.filter(([, action]) => action === 'ticket' || action === 'ticket_with_opened').length;
}

function pick(source: Expected): Expected {
  return Object.fromEntries(METRICS.map((metric) => [metric, source[metric]])) as unknown as Expected;
}

function minus(after: Expected, before: Expected): Expected {
  return Object.fromEntries(METRICS.map((metric) => [metric, after[metric] - before[metric]])) as unknown as Expected;
}

const equal = (a: Expected, b: Expected) => METRICS.every((metric) => a[metric] === b[metric]);

/** Plays the day against `base` and compares; the report's change over the run must equal the expectation. */
export async function playDay(base: string, token: string, options: { now?: number; settleMs?: number } = {}): Promise<DayResult> {
  const client = new Client(base, token);
  const now = options.now ?? Date.now();
  const from = now - DAY_START_AGO - MIN;
  const to = () => Date.now() + MIN;
  const before = await readReport(client, from, to());
  const beforeFa = await readReport(client, from, to(), 'fa');
  const beforeDays = new Map(before.days.map((day) => [day.day, pick(day)]));
  const window = before.windowMinutes;
  const list = scenarios(window);
  const step = (DAY_START_AGO - DAY_END_AGO - (window + 10) * MIN) / list.length;

  const expected = { total: emptyExpected(), fa: emptyExpected(), days: {} as Record<string, Expected> };
  for (const [index, scenario] of list.entries()) {
    const day = await playSession(client, scenario, now - DAY_START_AGO + Math.round(index * step), index);
    tally(expected.total, scenario);
    if (scenario.locale === 'fa') tally(expected.fa, scenario);
    tally((expected.days[day] ??= emptyExpected()), scenario);
  }
  // Tickets are counted on the day they were filed (now), sessions on the day they started.
  const today = new Date(Date.now()).toISOString().slice(0, 10);
  for (const day of Object.values(expected.days)) day.tickets = 0;
  (expected.days[today] ??= emptyExpected()).tickets = expected.total.tickets;

  // The server writes events in batches (about every second): poll until the report settles on the expectation.
  const deadline = Date.now() + (options.settleMs ?? 15_000);
  let reported: DayResult['reported'];
  for (;;) {
    const after = await readReport(client, from, to());
    const afterFa = await readReport(client, from, to(), 'fa');
    const days: Record<string, Expected> = {};
    for (const day of after.days) days[day.day] = minus(pick(day), beforeDays.get(day.day) ?? emptyExpected());
    for (const day of Object.keys(days)) if (METRICS.every((metric) => days[day]![metric] === 0) && !expected.days[day]) delete days[day];
    reported = { total: minus(pick(after), pick(before)), fa: minus(pick(afterFa), pick(beforeFa)), days };
    const daysMatch =
      Object.keys(expected.days).sort().join() === Object.keys(days).sort().join() && Object.entries(expected.days).every(([day, counts]) => equal(counts, days[day]!));
    const ok = equal(expected.total, reported.total) && equal(expected.fa, reported.fa) && daysMatch;
    if (ok || Date.now() > deadline) return { ok, windowMinutes: window, expected, reported };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function printTable(result: DayResult): void {
  const rows: string[][] = [['', 'metric', 'expected', 'reported', '']];
  const add = (scope: string, expected: Expected, reported: Expected | undefined) => {
    for (const metric of METRICS) {
      const got = reported?.[metric];
      rows.push([scope, metric, String(expected[metric]), got === undefined ? '-' : String(got), got === expected[metric] ? 'ok' : 'MISMATCH']);
    }
  };
  add('all', result.expected.total, result.reported.total);
  add('fa', result.expected.fa, result.reported.fa);
  for (const day of Object.keys(result.expected.days).sort()) add(day, result.expected.days[day]!, result.reported.days[day]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  const { confirmed, probable, withSuggestions, sessions, tickets } = result.reported.total;
  console.log(
    `\nwindow ${result.windowMinutes} min; deflection rate ${withSuggestions ? (((confirmed + probable) / withSuggestions) * 100).toFixed(1) : '-'}% ` +
      `(${confirmed + probable}/${withSuggestions}); self-service score ${tickets ? (sessions / tickets).toFixed(2) : '-'} (${sessions}/${tickets})`,
  );
  console.log(result.ok ? 'traffic-day: the report matches the scripted day' : 'traffic-day: MISMATCH between the scripted day and the report');
}

async function main(argv: string[]): Promise<number> {
  const url = argv.find((arg) => /^https?:\/\//.test(arg));
  const tokenAt = argv.indexOf('--token');
  const token = tokenAt >= 0 ? argv[tokenAt + 1] : process.env.RAHNAMA_ADMIN_TOKEN;
  if (!url || !token) {
    console.error('usage: npm run traffic:day -- <server url> [--token <admin token>] [--json]   (or set RAHNAMA_ADMIN_TOKEN)');
    return 2;
  }
  const settleAt = argv.indexOf('--settle');
  const settleMs = settleAt >= 0 ? Number(argv[settleAt + 1]) : undefined;
  let result: DayResult;
  try {
    result = await playDay(url, token, { settleMs });
  } catch (error) {
    console.error(`traffic-day: ${(error as Error).message}`);
    return 2;
  }
  if (argv.includes('--json')) console.log(JSON.stringify(result));
  else printTable(result);
  return result.ok ? 0 : 1;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
