/**
 * `npm run report`: the insights report in the terminal, the same numbers as GET /api/v1/admin/insights, read
 * straight from the database the server uses: PostgreSQL with DATABASE_URL, otherwise the SQLite file in
 * RAHNAMA_DATA_DIR (default ./data). The deflection window and stale age come from the same variables as the
 * server's (RAHNAMA_DEFLECTION_WINDOW_MINUTES, RAHNAMA_STALE_AFTER_DAYS); titles and dates from content/.
 *
 *   npm run report -- [--from 2026-11-01] [--to 2026-11-22] [--locale fa|en] [--tz Asia/Tehran] [--json | --csv]
 *
 * Days are counted in `--tz` (default UTC); `--to` includes its whole day. The default range is the last 30 days.
 */
import { resolve } from 'node:path';
import { parseEventsConfig } from '../api/events/config.ts';
import { openSqliteEventStore } from '../api/events/sqlite-store.ts';
import type { EventStore } from '../api/events/store.ts';
import { cachedCatalog } from '../api/insights/catalog.ts';
import { reportToCsv } from '../api/insights/csv.ts';
import { validTimeZone } from '../api/insights/days.ts';
import type { FunnelCounts } from '../api/insights/funnel.ts';
import type { InsightsReport } from '../api/insights/report.ts';
import { loadReport, parseRange } from '../api/insights/routes.ts';
import { databaseUrlFromEnv, openPostgresStorage } from '../api/storage/node.ts';
import { TICKET_DEFAULTS } from '../api/tickets/config.ts';
import { LOCALES, type Locale } from '../search-index/core/schemas.ts';

const ROOT = resolve(import.meta.dirname, '..');
/** Rows printed per list; the JSON and CSV forms have them all. */
const ROWS = 10;

const USAGE = 'usage: npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--locale fa|en] [--tz Asia/Tehran] [--json | --csv]';

interface Options {
  from?: string;
  to?: string;
  locale?: Locale;
  tz?: string;
  format: 'text' | 'json' | 'csv';
}

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { format: 'text' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === '--from') options.from = value();
    else if (arg === '--to') options.to = value();
    else if (arg === '--locale') {
      const locale = value();
      if (!(LOCALES as readonly string[]).includes(locale)) throw new Error(`--locale expected one of ${LOCALES.join(', ')}\n${USAGE}`);
      options.locale = locale as Locale;
    } else if (arg === '--tz') {
      const zone = validTimeZone(value());
      if (!zone) throw new Error(`--tz expected an IANA time zone like Asia/Tehran\n${USAGE}`);
      options.tz = zone;
    } else if (arg === '--json') options.format = 'json';
    else if (arg === '--csv') options.format = 'csv';
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  for (const [name, value] of [['--from', options.from], ['--to', options.to]] as const) {
    if (value !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value)))) throw new Error(`${name} expected a date YYYY-MM-DD\n${USAGE}`);
  }
  return options;
}

const percent = (rate: number | null) => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);
const ratio = (value: number | null) => (value === null ? '-' : value.toFixed(2));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}

function funnelRow(label: string, c: FunnelCounts): string[] {
  return [label, c.sessions, c.withSuggestions, c.confirmed, c.probable, c.informedButFiled, c.ignored, c.pending, c.noAction, c.gap, c.tickets]
    .map(String)
    .concat([percent(c.deflectionRate), ratio(c.selfServiceScore)]);
}

/** The report as terminal text. */
export function formatReport(report: InsightsReport): string {
  const out: string[] = [];
  out.push(`Rahnama insights ${report.from} .. ${report.to}${report.locale ? ` (${report.locale})` : ''}; days in ${report.timeZone}; deflection window ${report.windowMinutes} min`);
  out.push('');
  out.push(
    table([
      ['day', 'sessions', 'w/ sugg.', 'confirmed', 'probable', 'informed', 'ignored', 'pending', 'no action', 'gap', 'tickets', 'deflection', 'self-service'],
      ...report.funnel.days.map((day) => funnelRow(day.day, day)),
      funnelRow('total', report.funnel.total),
    ]),
  );
  out.push('', 'deflection = (confirmed + probable) / sessions with suggestions; self-service = sessions / tickets');
  const section = (title: string, header: string[], rows: string[][], total: number) => {
    out.push('', `${title}${total > ROWS ? ` (top ${ROWS} of ${total})` : ''}`);
    out.push(rows.length ? table([header, ...rows.slice(0, ROWS)]) : '  (none)');
  };
  section('Content gaps', ['terms', 'count', 'no results', 'weak', 'gap tickets', 'example'], report.gaps.map((g) => [g.terms.join(' '), String(g.count), String(g.noResults), String(g.weak), String(g.gapTickets), g.examples[0] ?? '']), report.gaps.length);
  section('Deflections by article', ['article', 'count', 'title'], report.articles.deflections.map((a) => [a.id, String(a.count), a.title]), report.articles.deflections.length);
  section('"Not what I need"', ['article', 'count', 'title'], report.articles.notNeeded.map((a) => [a.id, String(a.count), a.title]), report.articles.notNeeded.length);
  section('Helpfulness votes', ['article', 'yes', 'no', 'share', 'reason'], report.articles.helpfulness.map((a) => [a.id, String(a.helpful), String(a.notHelpful), percent(a.share), a.reasons[0] ?? '']), report.articles.helpfulness.length);
  section('Stale articles', ['article', 'updated', 'review by', 'why'], report.stale.map((s) => [s.id, s.updated, s.reviewBy, s.reasons.join(', ')]), report.stale.length);
  return `${out.join('\n')}\n`;
}

async function openEvents(env: Record<string, string | undefined>): Promise<EventStore> {
  const databaseUrl = databaseUrlFromEnv(env);
  if (databaseUrl) {
    const storage = await openPostgresStorage({ databaseUrl, referencePrefix: TICKET_DEFAULTS.referencePrefix });
    await storage.tickets.close();
    return storage.events;
  }
  return openSqliteEventStore({ dataDir: resolve(ROOT, env.RAHNAMA_DATA_DIR?.trim() || TICKET_DEFAULTS.dataDir) });
}

export async function main(argv: readonly string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`report: ${(error as Error).message}\n`);
    return 2;
  }
  const config = parseEventsConfig(env);
  const store = await openEvents(env);
  try {
    const now = Date.now();
    const report = await loadReport(
      { store, catalog: cachedCatalog(resolve(ROOT, 'content')), config: { adminToken: null, ...config } },
      { ...parseRange(options, now, options.tz), locale: options.locale, now, timeZone: options.tz },
    );
    process.stdout.write(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : options.format === 'csv' ? reportToCsv(report) : formatReport(report));
    return 0;
  } finally {
    await store.close();
  }
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      process.stderr.write(`report: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
