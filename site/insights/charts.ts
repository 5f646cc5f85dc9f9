/**
 * The two charts, with only the Chart.js parts they use registered (tree-shaken: bar and line controllers, their
 * elements, category and linear scales, tooltip and legend). Right-to-left in Persian: the time axis runs from the
 * right, the value axis stands on the right, legends and tooltips are laid out RTL, and numbers come out in Persian
 * digits through Chart.js's `locale` option (Intl). The tables next to the charts carry the same numbers.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartOptions } from 'chart.js';
import type { Locale } from '../i18n/locales.ts';
import { daysBetween, formatCount, formatDay, formatShare, PAGE_LOCALES as LOCALE_INFO } from './format.ts';
import { BUCKETS, type Bucket, type InsightsReport } from './types.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

/** Bucket colours: deflected in greens, filed in ambers, the gap in red; readable in light and dark. */
const BUCKET_COLORS: Record<Bucket, string> = {
  confirmed: '#15803d',
  probable: '#4ade80',
  informedButFiled: '#d97706',
  ignored: '#f59e0b',
  pending: '#94a3b8',
  noAction: '#64748b',
  gap: '#dc2626',
};

/** The page's colours as canvas can use them: custom properties hold `light-dark(...)`, so resolve them on a probe. */
function theme() {
  const probe = document.createElement('span');
  document.body.append(probe);
  const resolve = (property: string, fallback: string) => {
    probe.style.color = `var(${property}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  const colors = { text: resolve('--color-text', '#1a1f26'), grid: resolve('--color-border', '#d3dae2'), accent: resolve('--color-accent', '#0a57a4'), font: getComputedStyle(document.body).fontFamily };
  probe.remove();
  return colors;
}

function common(locale: Locale): ChartOptions<'bar' | 'line'> {
  const rtl = LOCALE_INFO[locale].dir === 'rtl';
  return {
    locale: LOCALE_INFO[locale].intl,
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    // Room for a point on the first or last day, or at 100 %, to be drawn whole.
    layout: { padding: 8 },
    plugins: {
      legend: { rtl, textDirection: rtl ? 'rtl' : 'ltr' },
      tooltip: { rtl, textDirection: rtl ? 'rtl' : 'ltr' },
    },
  };
}

/** Horizontal bars, one per bucket; in RTL the bars grow from the right. */
export function funnelChart(canvas: HTMLCanvasElement, report: InsightsReport, locale: Locale, labels: Record<Bucket, string>): Chart {
  const rtl = LOCALE_INFO[locale].dir === 'rtl';
  const colors = theme();
  Chart.defaults.font.family = colors.font;
  Chart.defaults.color = colors.text;
  const base = common(locale);
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: BUCKETS.map((bucket) => labels[bucket]),
      datasets: [{ label: labels.confirmed, data: BUCKETS.map((bucket) => report.funnel.total[bucket]), backgroundColor: BUCKETS.map((bucket) => BUCKET_COLORS[bucket]) }],
    },
    options: {
      ...(base as ChartOptions<'bar'>),
      indexAxis: 'y',
      plugins: { ...base.plugins, legend: { display: false }, tooltip: { ...base.plugins!.tooltip, callbacks: { label: (item) => formatCount(Number(item.raw), locale) } } },
      scales: {
        x: { reverse: rtl, beginAtZero: true, ticks: { precision: 0, callback: (value) => formatCount(Number(value), locale) }, grid: { color: colors.grid } },
        y: { position: rtl ? 'right' : 'left', grid: { display: false } },
      },
    },
  });
}

/** The daily deflection rate (0 to 100 %) over every day of the range; days without sessions are left open. */
export function rateChart(canvas: HTMLCanvasElement, report: InsightsReport, range: { from: string; to: string }, locale: Locale, label: string): Chart {
  const rtl = LOCALE_INFO[locale].dir === 'rtl';
  const colors = theme();
  const byDay = new Map(report.funnel.days.map((day) => [day.day, day]));
  const days = daysBetween(range.from, range.to);
  const base = common(locale);
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: days.map((day) => formatDay(day, locale, 'short')),
      datasets: [
        {
          label,
          data: days.map((day) => byDay.get(day)?.deflectionRate ?? null),
          borderColor: colors.accent,
          backgroundColor: colors.accent,
          pointRadius: 4,
          spanGaps: false,
          clip: 8,
        },
      ],
    },
    options: {
      ...(base as ChartOptions<'line'>),
      plugins: { ...base.plugins, tooltip: { ...base.plugins!.tooltip, callbacks: { label: (item) => `${label}: ${formatShare(item.raw as number | null, locale)}` } } },
      scales: {
        x: { reverse: rtl, ticks: { autoSkip: true, maxRotation: 0 }, grid: { color: colors.grid } },
        y: { position: rtl ? 'right' : 'left', min: 0, max: 1, ticks: { stepSize: 0.25, callback: (value) => formatShare(Number(value), locale) }, grid: { color: colors.grid } },
      },
    },
  });
}

export type { Chart };
