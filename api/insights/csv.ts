/**
 * The insights report as one CSV table in "long" form (section, day, id, title, terms, metric, value), which any
 * spreadsheet opens and pivots. RFC 4180 quoting; cells that a spreadsheet would run as a formula (= + - @, tab,
 * CR) get a leading apostrophe, since gap examples are customer text (OWASP "CSV injection").
 */
import type { InsightsReport } from './report.ts';

export const CSV_HEADER = ['section', 'day', 'id', 'title', 'terms', 'metric', 'value'] as const;
const FUNNEL_METRICS = ['sessions', 'withSuggestions', 'confirmed', 'probable', 'informedButFiled', 'ignored', 'pending', 'noAction', 'gap', 'tickets', 'deflectionRate', 'selfServiceScore'] as const;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportToCsv(report: InsightsReport): string {
  const rows: Array<Array<string | number | null>> = [[...CSV_HEADER]];
  const row = (section: string, day: string, id: string, title: string, terms: string, metric: string, value: number | string | null) =>
    rows.push([section, day, id, title, terms, metric, value]);
  for (const metric of FUNNEL_METRICS) row('funnel', 'total', '', '', '', metric, report.funnel.total[metric]);
  for (const day of report.funnel.days) for (const metric of FUNNEL_METRICS) row('funnel', day.day, '', '', '', metric, day[metric]);
  for (const gap of report.gaps) {
    const terms = gap.terms.join(' ');
    for (const metric of ['count', 'noResults', 'weak', 'gapTickets'] as const) row('gap', '', '', '', terms, metric, gap[metric]);
    gap.examples.forEach((example, i) => row('gap', '', '', '', terms, `example${i + 1}`, example));
  }
  for (const article of report.articles.deflections) row('deflections', '', article.id, article.title, '', 'count', article.count);
  for (const article of report.articles.notNeeded) row('notNeeded', '', article.id, article.title, '', 'count', article.count);
  for (const article of report.articles.helpfulness) {
    row('helpfulness', '', article.id, article.title, '', 'helpful', article.helpful);
    row('helpfulness', '', article.id, article.title, '', 'notHelpful', article.notHelpful);
  }
  for (const article of report.stale) row('stale', '', article.id, article.title, '', article.reasons.join(' '), article.reviewBy);
  return `${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
