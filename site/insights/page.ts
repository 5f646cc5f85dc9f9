/**
 * The insights page (/<locale>/insights/): asks once for the admin token (kept in sessionStorage for the tab),
 * reads GET /api/v1/admin/insights for the chosen range and locale, and shows the summary, the funnel and the daily
 * rate as charts with tables holding the same numbers, the content gaps, the article tables and the stale list.
 * CSV export downloads /api/v1/admin/insights.csv with the token (fetch + Blob: a plain link cannot send it).
 */
import type { Locale } from '../i18n/locales.ts';
import type { Chart } from './charts.ts';
import { nativeDayField, solarDayField, type DayField } from './day-field.ts';
import { el } from './dom.ts';
import {
  checkRange,
  dayIn,
  defaultRange,
  fileNameFrom,
  PAGE_LOCALES,
  fill,
  formatCount,
  formatDay,
  formatRatio,
  formatShare,
  INSIGHTS_CSV_PATH,
  INSIGHTS_MAX_DAYS,
  INSIGHTS_PATH,
  insightsQuery,
  OUTBOX_PATH,
  OUTBOX_REDELIVER_PATH,
  outboxNeedsWarning,
  type OutboxSummary,
  presetRange,
  RANGE_PRESETS,
  timeZoneFor,
  TOKEN_KEY,
  type InsightsFilters,
  type RangePreset,
} from './format.ts';
import { formatSolarInput } from './solar.ts';
import { INSIGHTS_STRINGS } from './strings.ts';
import { BUCKETS, type Bucket, type InsightsReport } from './types.ts';

const locale: Locale = document.documentElement.lang.startsWith('en') ? 'en' : 'fa';
const strings = INSIGHTS_STRINGS[locale];
const timeZone = timeZoneFor(locale, Intl.DateTimeFormat().resolvedOptions().timeZone);
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const tokenSection = byId<HTMLElement>('insights-signin');
const tokenForm = byId<HTMLFormElement>('insights-token');
const tokenInput = byId<HTMLInputElement>('insights-token-input');
const tokenError = byId<HTMLElement>('insights-token-error');
const filtersForm = byId<HTMLFormElement>('insights-filters');
/** "From" and "to": Solar Hijri fields with a calendar in fa, the browser's date inputs in en. */
const dayField = (name: 'from' | 'to'): DayField => {
  const input = byId<HTMLInputElement>(`insights-${name}`);
  const opener = input.parentElement?.querySelector<HTMLButtonElement>('.insights-day__open');
  return locale === 'fa' && opener ? solarDayField(input, opener, strings) : nativeDayField(input);
};
const fields = { from: dayField('from'), to: dayField('to') };
const localeSelect = byId<HTMLSelectElement>('insights-locale');
const csvButton = byId<HTMLButtonElement>('insights-csv');
const forgetButton = byId<HTMLButtonElement>('insights-forget');
const status = byId<HTMLElement>('insights-status');
const output = byId<HTMLElement>('insights-report');
const outboxNote = byId<HTMLElement>('insights-outbox');
let charts: Chart[] = [];

const store = {
  get: () => {
    try {
      return sessionStorage.getItem(TOKEN_KEY) ?? '';
    } catch {
      return memoryToken;
    }
  },
  set: (token: string) => {
    memoryToken = token;
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* kept in memory for this page only */
    }
  },
};
let memoryToken = '';

/** A data table: a caption, column headers, the first cell of each row as its row header. */
function table(
  caption: string,
  headers: string[],
  rows: Array<{ cells: Array<Node | string>; attributes?: Record<string, string> }>,
  numeric: number[] = [],
  captionShown = true,
): HTMLElement {
  const head = el('tr', {}, ...headers.map((text, n) => el('th', { scope: 'col', ...(numeric.includes(n) ? { class: 'num' } : {}) }, text)));
  const body = rows.map(({ cells, attributes }) =>
    el('tr', attributes ?? {}, ...cells.map((cell, n) => (n === 0 ? el('th', { scope: 'row' }, cell) : el('td', numeric.includes(n) ? { class: 'num' } : {}, cell)))),
  );
  return el('div', { class: 'insights-table' }, el('table', {}, el('caption', captionShown ? {} : { class: 'visually-hidden' }, caption), el('thead', {}, head), el('tbody', {}, ...body)));
}

const count = (n: number) => formatCount(n, locale);
const bucketLabel = (bucket: Bucket, minutes: number) => fill(strings[bucket], { minutes: count(minutes) });
/** A title in its own language and direction (an English title on the Persian page, say): "eSIM را ..." stays RTL. */
const titled = (title: string, id: string) => {
  const own: Locale = id.startsWith('en/') ? 'en' : 'fa';
  return el('bdi', { lang: own, dir: own === 'fa' ? 'rtl' : 'ltr' }, title);
};
const list = (items: string[]) => (items.length ? el('ul', { class: 'insights-examples' }, ...items.map((item) => el('li', {}, el('bdi', {}, item)))) : '');

/** Today in the page's zone: the last day a report can cover. */
const today = () => dayIn(Date.now(), timeZone);

/**
 * The filters as entered, or null after telling the reader, field by field, what is wrong with the range (the report
 * on screen, and the status line naming its range, stay).
 */
function checkedFilters(): InsightsFilters | null {
  const from = fields.from.value();
  const to = fields.to.value();
  const problems = checkRange(from, to, today());
  const example = dayExample();
  let first: HTMLInputElement | undefined;
  for (const name of ['from', 'to'] as const) {
    const { input } = fields[name];
    const problem = problems[name];
    const error = byId<HTMLElement>(`${input.id}-error`);
    error.textContent = problem ? fill(strings[problem], { example, today: formatDay(today(), locale), days: count(INSIGHTS_MAX_DAYS) }) : '';
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      first ??= input;
    } else input.removeAttribute('aria-invalid');
  }
  if (first) {
    first.focus();
    return null;
  }
  return { from: from!, to: to!, locale: (localeSelect.value as '' | Locale) || '', tz: timeZone };
}

function clearError({ input }: DayField): void {
  input.removeAttribute('aria-invalid');
  byId<HTMLElement>(`${input.id}-error`).textContent = '';
}

/** Today as the reader would type it: "۱۴۰۵/۰۹/۰۱" in fa, "2026-11-22" in en. */
const dayExample = () => (locale === 'fa' ? formatSolarInput(today()) : today());

const presetButtons = [...filtersForm.querySelectorAll<HTMLButtonElement>('button[data-preset]')];

/** Marks the preset whose range the fields hold, if any. */
function showPreset(): void {
  const from = fields.from.value();
  const to = fields.to.value();
  for (const button of presetButtons) {
    const range = presetRange(button.dataset.preset as RangePreset, today(), locale);
    button.setAttribute('aria-pressed', String(range.from === from && range.to === to));
  }
}

/**
 * Under each field, its day as the page prints it ("۱ آذر ۱۴۰۵"): what was understood from what was typed. In fa,
 * while the text is not a day yet, how to write one.
 */
function showDates(): void {
  for (const { input, value } of Object.values(fields)) {
    const day = value();
    byId<HTMLElement>(`${input.id}-shown`).textContent = day ? formatDay(day, locale) : locale === 'fa' ? fill(strings.dayHint, { example: dayExample() }) : '';
  }
}

function signedIn(yes: boolean): void {
  tokenSection.hidden = yes;
  filtersForm.hidden = !yes;
  forgetButton.hidden = !yes;
  if (!yes) {
    output.replaceChildren();
    outboxNote.hidden = true;
    destroyCharts();
  }
}

function destroyCharts(): void {
  for (const chart of charts) chart.destroy();
  charts = [];
}

async function request(path: string, current: InsightsFilters): Promise<Response | 'unreachable'> {
  try {
    return await fetch(`${path}?${insightsQuery(current)}`, { headers: { Authorization: `Bearer ${store.get()}` }, credentials: 'omit', cache: 'no-store' });
  } catch {
    return 'unreachable';
  }
}

/** Tells the reader what went wrong; a refused token goes back to the sign-in form. */
function failure(response: Response | 'unreachable'): void {
  if (response !== 'unreachable' && response.status === 401) {
    store.set('');
    signedIn(false);
    tokenError.textContent = strings.tokenRejected;
    tokenInput.setAttribute('aria-invalid', 'true');
    tokenInput.focus();
    status.textContent = '';
    return;
  }
  status.textContent = response !== 'unreachable' && response.status === 404 ? strings.disabled : strings.failed;
}

/** Counts loads, so an older answer that arrives late never replaces a newer one. */
let loads = 0;

async function load(): Promise<void> {
  const current = checkedFilters();
  if (!current) return;
  const mine = ++loads;
  history.replaceState(null, '', `?${new URLSearchParams({ from: current.from, to: current.to, ...(current.locale ? { locale: current.locale } : {}) })}`);
  status.textContent = strings.loading;
  output.setAttribute('aria-busy', 'true');
  try {
    const response = await request(INSIGHTS_PATH, current);
    if (mine !== loads) return;
    if (response === 'unreachable' || !response.ok) return failure(response);
    const report = (await response.json()) as InsightsReport;
    if (mine !== loads) return;
    await render(report, current);
    status.textContent = fill(strings.loaded, { from: formatDay(current.from, locale), to: formatDay(current.to, locale) });
    void showOutbox();
  } catch {
    if (mine === loads) status.textContent = strings.failed;
  } finally {
    if (mine === loads) output.removeAttribute('aria-busy');
  }
}

/** How long after "send them now" the warning is read again: time for the forwarder to try the first tickets. */
const OUTBOX_RECHECK_MS = 3000;

/**
 * Warns when tickets are not reaching the help desk (GET /admin/outbox): a failed delivery, a refused ticket, or one
 * waiting over ten minutes. Says how many, since when, the last error and what to check, with a button that sends
 * every undelivered ticket now (the refused ones included). Quiet when all is well or it cannot tell.
 */
async function showOutbox(): Promise<void> {
  let summary: OutboxSummary | undefined;
  try {
    const response = await fetch(OUTBOX_PATH, { headers: { Authorization: `Bearer ${store.get()}` }, credentials: 'omit', cache: 'no-store' });
    if (response.ok) summary = (await response.json()) as OutboxSummary;
  } catch {
    /* the report is shown; this note is extra */
  }
  if (!summary || !outboxNeedsWarning(summary, Date.now())) {
    outboxNote.hidden = true;
    outboxNote.replaceChildren();
    return;
  }
  const when = new Intl.DateTimeFormat(PAGE_LOCALES[locale].intl, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(summary.oldestCreatedAt!));
  const failure = summary.lastFailure;
  outboxNote.replaceChildren(
    el('p', {}, fill(strings.outboxStuck, { count: count(summary.undelivered), oldest: when })),
    ...(failure ? [el('p', {}, fill(strings.outboxError, { reference: '\u2068' + failure.reference + '\u2069', attempts: count(failure.attempts), error: '\u2068' + failure.error + '\u2069' }))] : []),
    // The settings are worth checking unless every waiting ticket is one the help desk refused.
    ...(summary.undelivered > summary.refused ? [el('p', {}, strings.outboxFix)] : []),
    ...(summary.refused > 0 ? [el('p', {}, fill(strings.outboxRefused, { count: count(summary.refused) }))] : []),
    outboxSendRow(),
  );
  outboxNote.hidden = false;
}

/** The warning's "send them now" button and the line that says what it did. */
function outboxSendRow(): HTMLElement {
  const button = el('button', { type: 'button', class: 'button button--quiet', id: 'insights-outbox-send' }, strings.outboxSend);
  const said = el('span', { class: 'insights-outbox__said', role: 'status' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    let response: Response | 'unreachable';
    try {
      response = await fetch(OUTBOX_REDELIVER_PATH, { method: 'POST', headers: { Authorization: `Bearer ${store.get()}` }, credentials: 'omit', cache: 'no-store' });
    } catch {
      response = 'unreachable';
    }
    if (response !== 'unreachable' && response.status === 401) return failure(response);
    if (response === 'unreachable' || !response.ok) {
      said.textContent = strings.outboxSendFailed;
      button.disabled = false;
      return;
    }
    const { requeued } = (await response.json()) as { requeued: number };
    said.textContent = fill(strings.outboxSent, { count: count(requeued) });
    setTimeout(() => void showOutbox(), OUTBOX_RECHECK_MS);
  });
  return el('p', { class: 'insights-outbox__send' }, button, said);
}

function section(id: string, title: string, ...children: Array<Node | string>): HTMLElement {
  return el('section', { class: 'insights-section', 'aria-labelledby': id }, el('h2', { id }, title), ...children);
}

function chartBox(id: string, description: string): { box: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = el('canvas', { id, role: 'img', 'aria-label': description });
  return { box: el('div', { class: 'insights-chart' }, canvas), canvas };
}

async function render(report: InsightsReport, range: InsightsFilters): Promise<void> {
  destroyCharts();
  const total = report.funnel.total;
  const minutes = report.windowMinutes;
  const figure = (label: string, value: string, hint?: string) =>
    el('div', { class: 'insights-figure' }, el('dt', {}, label), el('dd', {}, value), ...(hint ? [el('dd', { class: 'insights-figure__hint' }, hint)] : []));

  const summary = section(
    'insights-summary',
    strings.summaryTitle,
    el(
      'dl',
      { class: 'insights-figures' },
      figure(strings.sessions, count(total.sessions)),
      figure(strings.withSuggestions, count(total.withSuggestions)),
      figure(strings.deflected, count(total.confirmed + total.probable)),
      figure(strings.deflectionRate, formatShare(total.deflectionRate, locale)),
      figure(strings.tickets, count(total.tickets)),
      figure(strings.selfService, formatRatio(total.selfServiceScore, locale), strings.selfServiceHint),
    ),
    el('p', { class: 'insights-note' }, fill(strings.zone, { zone: report.timeZone })),
  );

  const labels = Object.fromEntries(BUCKETS.map((bucket) => [bucket, bucketLabel(bucket, minutes)])) as Record<Bucket, string>;
  const funnelCanvas = chartBox('insights-funnel-chart', strings.funnelChart);
  const funnel = section(
    'insights-funnel',
    strings.funnelTitle,
    funnelCanvas.box,
    table(
      strings.funnelCaption,
      [strings.bucket, strings.count],
      BUCKETS.map((bucket) => ({ cells: [labels[bucket], count(total[bucket])], attributes: { 'data-bucket': bucket } })),
      [1],
    ),
  );

  const rateCanvas = chartBox('insights-rate-chart', strings.rateChart);
  const days = report.funnel.days;
  const rate = section(
    'insights-rate',
    strings.rateTitle,
    ...(days.length
      ? [
          rateCanvas.box,
          table(
            strings.rateCaption,
            [strings.day, strings.withSuggestions, strings.deflected, strings.rate, strings.tickets],
            days.map((day) => ({
              cells: [el('time', { datetime: day.day }, formatDay(day.day, locale)), count(day.withSuggestions), count(day.confirmed + day.probable), formatShare(day.deflectionRate, locale), count(day.tickets)],
              attributes: { 'data-day': day.day },
            })),
            [1, 2, 3, 4],
          ),
        ]
      : [el('p', {}, strings.noDays)]),
  );

  const gaps = section(
    'insights-gaps',
    strings.gapsTitle,
    el('p', { class: 'insights-note' }, strings.gapsLead),
    report.gaps.length
      ? table(
          strings.gapsTitle,
          [strings.terms, strings.count, strings.noResults, strings.weak, strings.gapTickets, strings.examples],
          report.gaps.map((gap) => ({ cells: [el('bdi', {}, gap.terms.join(' ')), count(gap.count), count(gap.noResults), count(gap.weak), count(gap.gapTickets), list(gap.examples)] })),
          [1, 2, 3, 4],
          false,
        )
      : el('p', {}, strings.noGaps),
  );

  const counted = (caption: string, rows: Array<{ id: string; title: string; count: number }>, name: string) =>
    rows.length ? table(caption, [strings.article, strings.count], rows.map((row) => ({ cells: [titled(row.title, row.id), count(row.count)], attributes: { 'data-id': row.id } })), [1], false) : el('p', { 'data-empty': name }, strings.noRows);
  const articles = section(
    'insights-articles',
    strings.articlesTitle,
    el('h3', {}, strings.deflectionsTitle),
    counted(strings.deflectionsTitle, report.articles.deflections, 'deflections'),
    el('h3', {}, strings.notNeededTitle),
    counted(strings.notNeededTitle, report.articles.notNeeded, 'notNeeded'),
    el('h3', {}, strings.helpfulnessTitle),
    report.articles.helpfulness.length
      ? table(
          strings.helpfulnessTitle,
          [strings.article, strings.helpful, strings.notHelpful, strings.share, strings.reasons],
          report.articles.helpfulness.map((row) => ({
            cells: [titled(row.title, row.id), count(row.helpful), count(row.notHelpful), formatShare(row.share, locale), list(row.reasons)],
            attributes: { 'data-id': row.id },
          })),
          [1, 2, 3],
          false,
        )
      : el('p', {}, strings.noRows),
  );

  const why = { review_due: strings.reviewDue, not_updated: strings.notUpdated };
  const stale = section(
    'insights-stale',
    strings.staleTitle,
    report.stale.length
      ? table(
          strings.staleTitle,
          [strings.article, strings.kind, strings.updated, strings.reviewBy, strings.why],
          report.stale.map((row) => ({
            cells: [
              titled(row.title, row.id),
              row.kind === 'video' ? strings.kindVideo : strings.kindArticle,
              el('time', { datetime: row.updated }, formatDay(row.updated, locale)),
              el('time', { datetime: row.reviewBy }, formatDay(row.reviewBy, locale)),
              row.reasons.map((reason) => why[reason]).join(locale === 'fa' ? '، ' : ', '),
            ],
            attributes: { 'data-id': row.id },
          })),
          [],
          false,
        )
      : el('p', {}, strings.noStale),
  );

  output.replaceChildren(summary, funnel, rate, gaps, articles, stale);
  // Charts load with their library after the tables are on screen; the tables already carry every number.
  const { funnelChart, rateChart } = await import('./charts.ts');
  await document.fonts?.ready;
  charts.push(funnelChart(funnelCanvas.canvas, report, locale, labels));
  if (days.length) charts.push(rateChart(rateCanvas.canvas, report, range, locale, strings.deflectionRate));
}

async function downloadCsv(): Promise<void> {
  const current = checkedFilters();
  if (!current) return;
  const response = await request(INSIGHTS_CSV_PATH, current);
  if (response === 'unreachable' || !response.ok) {
    if (response !== 'unreachable' && response.status === 401) return failure(response);
    status.textContent = strings.csvFailed;
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: fileNameFrom(response.headers.get('Content-Disposition')) });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function start(): void {
  const params = new URLSearchParams(location.search);
  const range = defaultRange(Date.now(), timeZone);
  const day = /^\d{4}-\d{2}-\d{2}$/;
  fields.from.set(day.test(params.get('from') ?? '') ? params.get('from')! : range.from);
  fields.to.set(day.test(params.get('to') ?? '') ? params.get('to')! : range.to);
  for (const field of Object.values(fields)) field.setMax(range.to);
  if (locale === 'fa') for (const field of Object.values(fields)) field.input.placeholder = dayExample();
  const wanted = params.get('locale');
  localeSelect.value = wanted === 'fa' || wanted === 'en' ? wanted : '';
  showDates();
  showPreset();
  for (const button of presetButtons) {
    if (!RANGE_PRESETS.includes(button.dataset.preset as RangePreset)) continue;
    button.addEventListener('click', () => {
      const range = presetRange(button.dataset.preset as RangePreset, today(), locale);
      fields.from.set(range.from);
      fields.to.set(range.to);
      for (const field of Object.values(fields)) clearError(field);
      showDates();
      showPreset();
      void load();
    });
  }
  for (const field of Object.values(fields)) {
    field.onChange(showDates);
    field.onChange(showPreset);
    // A corrected day takes its error away; the next "update" checks the range again.
    field.onChange(() => clearError(field));
  }

  tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = tokenInput.value.trim();
    if (!token) {
      tokenInput.focus();
      return;
    }
    store.set(token);
    tokenInput.value = '';
    tokenInput.removeAttribute('aria-invalid');
    tokenError.textContent = '';
    signedIn(true);
    fields.from.input.focus();
    void load();
  });
  filtersForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  csvButton.addEventListener('click', () => void downloadCsv());
  forgetButton.addEventListener('click', () => {
    store.set('');
    signedIn(false);
    status.textContent = '';
    tokenInput.focus();
  });

  const token = store.get();
  signedIn(Boolean(token));
  if (token) void load();
}

start();
