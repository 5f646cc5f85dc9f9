/**
 * make-posters.mjs: draws the poster of every video guide, one SVG per guide and locale, at
 * site/public/media/posters/<slug>-<locale>.svg (the path each guide's `poster` field names).
 *
 * A poster is 1280x720 (16:9): the brand teal, the guide's title as real SVG text (taken from the guide's
 * frontmatter, wrapped by hand because SVG text does not wrap), its duration, and a simple pictogram per guide.
 * Persian posters set direction="rtl" and mirror the layout. Text is text, not paths, so posters stay small
 * (under 8 KB) and screen readers and search engines can read them.
 *
 * Needs only Node and the repo's node_modules (yaml). Its output is committed.
 * Run from the repo root:  npx node scripts/media/make-posters.mjs
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'site/public/media/posters');
const MAX_BYTES = 8 * 1024;
const TEAL = '#0f766e';
const TEAL_DARK = '#115e59';
const FONT = 'Vazirmatn, Tahoma, sans-serif';
/** Roughly how many characters fit on one title line at TITLE_SIZE in the 600 px text column. */
const LINE_CHARS = { fa: 24, en: 21 };
const TITLE_SIZE = 60;
const LABEL = { fa: 'راهنمای تیزنت · ویدیوی آموزشی', en: 'TizNet help · Video guide' };

/** Pictograms, drawn around (0,0) in a box of about 220x220, stroked in teal on the white disc. */
const ICONS = {
  'reset-password-walkthrough': `
    <path d="M-42 -8V-42a42 42 0 0 1 84 0V-8" fill="none" stroke="${TEAL}" stroke-width="16"/>
    <rect x="-70" y="-10" width="140" height="104" rx="18" fill="${TEAL}"/>
    <circle cx="0" cy="32" r="14" fill="#fff"/><rect x="-5" y="38" width="10" height="28" rx="4" fill="#fff"/>`,
  'modem-lights-explained': `
    <path d="M-62 -22L-82 -96M62 -22L82 -96" stroke="${TEAL}" stroke-width="12" stroke-linecap="round"/>
    <rect x="-100" y="-24" width="200" height="84" rx="18" fill="none" stroke="${TEAL}" stroke-width="12"/>
    <circle cx="-56" cy="18" r="11" fill="#16a34a"/><circle cx="-20" cy="18" r="11" fill="#16a34a"/>
    <circle cx="16" cy="18" r="11" fill="#dc2626"/><circle cx="52" cy="18" r="11" fill="#f59e0b"/>`,
  'pay-bill-in-app': `
    <rect x="-104" y="-66" width="208" height="132" rx="18" fill="none" stroke="${TEAL}" stroke-width="12"/>
    <rect x="-104" y="-32" width="208" height="26" fill="${TEAL}"/>
    <path d="M-76 30H-16" stroke="${TEAL}" stroke-width="12" stroke-linecap="round"/>
    <circle cx="68" cy="58" r="38" fill="#16a34a"/><path d="M50 58l13 13 24-26" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" stroke-linejoin="round"/>`,
  'esim-setup-guide': `
    <path d="M-70 -100H36L80 -56V100H-70Z" fill="none" stroke="${TEAL}" stroke-width="12" stroke-linejoin="round"/>
    <rect x="-40" y="-50" width="90" height="70" rx="10" fill="${TEAL}"/>
    <path d="M-40 -15H50M5 -50V20" stroke="#fff" stroke-width="6"/>
    <rect x="-40" y="42" width="22" height="22" fill="${TEAL}"/><rect x="-8" y="42" width="12" height="12" fill="${TEAL}"/>
    <rect x="14" y="52" width="12" height="12" fill="${TEAL}"/><rect x="34" y="42" width="16" height="22" fill="${TEAL}"/>`,
  'change-wifi-password-video': `
    <path d="M-96 -26a136 136 0 0 1 192 0M-64 8a90 90 0 0 1 128 0M-32 42a45 45 0 0 1 64 0" fill="none" stroke="${TEAL}" stroke-width="14" stroke-linecap="round"/>
    <circle cx="0" cy="76" r="12" fill="${TEAL}"/>
    <path d="M58 60V44a20 20 0 0 1 40 0V60" fill="none" stroke="#f59e0b" stroke-width="9"/>
    <rect x="46" y="58" width="64" height="48" rx="9" fill="#f59e0b"/>`,
  'run-a-speed-test': `
    <path d="M-96 44A100 100 0 0 1 96 44" fill="none" stroke="#e2e8f0" stroke-width="18" stroke-linecap="round"/>
    <path d="M-96 44A100 100 0 0 1 58 -36" fill="none" stroke="${TEAL}" stroke-width="18" stroke-linecap="round"/>
    <path d="M0 44L52 -22" stroke="#0f172a" stroke-width="10" stroke-linecap="round"/>
    <circle cx="0" cy="44" r="16" fill="#0f172a"/>`,
};

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const faDigits = (s) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);

/** Greedy word wrap to lines of at most `max` characters (a long single word gets its own line). */
function greedy(text, max) {
  const lines = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Wraps in as few lines as `max` allows, then evens the lines out so the last one is not a lone word. */
export function wrap(text, max) {
  const count = greedy(text, max).length;
  for (let width = Math.ceil(text.length / count); width < max; width++) {
    const lines = greedy(text, width);
    if (lines.length === count) return lines;
  }
  return greedy(text, max);
}

/** 97 or "1:37" -> "1:37". */
function clock(duration) {
  if (typeof duration === 'string') return duration;
  return `${Math.floor(duration / 60)}:${String(duration % 60).padStart(2, '0')}`;
}

function poster({ slug, locale, title, duration }) {
  const rtl = locale === 'fa';
  const icon = ICONS[slug];
  if (!icon) throw new Error(`make-posters: no pictogram for "${slug}"; add one to ICONS`);
  const lines = wrap(title, LINE_CHARS[locale]);
  if (lines.length > 3) throw new Error(`make-posters: the title of ${slug} (${locale}) needs ${lines.length} lines; shorten it`);
  // The text column sits at the start side (right in Persian), the pictogram at the end side.
  const textX = rtl ? 1180 : 100;
  const iconX = rtl ? 300 : 980;
  const dirAttr = rtl ? ' direction="rtl"' : '';
  const blockTop = 360 - ((lines.length - 1) * TITLE_SIZE * 1.3) / 2;
  const titleSpans = lines
    .map((line, i) => `<tspan x="${textX}" y="${Math.round(blockTop + i * TITLE_SIZE * 1.3)}">${esc(line)}</tspan>`)
    .join('');
  const time = rtl ? faDigits(clock(duration)) : clock(duration);
  const pillW = 150;
  const pillX = rtl ? textX - pillW : textX;
  // Media controls are not mirrored in RTL: the play triangle points right in both locales.
  const tri = rtl ? textX - 46 : textX + 28;
  const triPath = `M${tri} 578l20 12 -20 12z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1280 720" width="1280" height="720" role="img" aria-label="${esc(title)}">
<rect width="1280" height="720" fill="${TEAL}"/>
<circle cx="${iconX}" cy="360" r="330" fill="${TEAL_DARK}"/>
<g font-family="${FONT}" fill="#fff"${dirAttr} lang="${locale}">
<text x="${textX}" y="150" font-size="30" opacity="0.85">${LABEL[locale]}</text>
<text font-size="${TITLE_SIZE}" font-weight="800">${titleSpans}</text>
<rect x="${pillX}" y="560" width="${pillW}" height="60" rx="30" fill="#fff" fill-opacity="0.16"/>
<path d="${triPath}"/>
<text x="${rtl ? textX - 66 : textX + 66}" y="602" font-size="32" font-weight="700">${time}</text>
</g>
<circle cx="${iconX}" cy="360" r="175" fill="#fff"/>
<g transform="translate(${iconX} 360)">${icon.replace(/\n\s*/g, '')}</g>
</svg>
`;
}

function frontmatter(file) {
  const match = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`make-posters: no frontmatter in ${file}`);
  return parse(match[1]);
}

for (const locale of ['fa', 'en']) {
  const dir = join(ROOT, 'content/videos', locale);
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.mdx')).sort()) {
    const slug = name.slice(0, -'.mdx'.length);
    const data = frontmatter(join(dir, name));
    const svg = poster({ slug, locale, title: data.title, duration: data.duration });
    const bytes = Buffer.byteLength(svg);
    if (bytes > MAX_BYTES) throw new Error(`make-posters: ${slug}-${locale}.svg is ${bytes} bytes, over 8 KB`);
    writeFileSync(join(OUT, `${slug}-${locale}.svg`), svg);
    console.log(`${slug}-${locale}.svg  ${bytes} bytes`);
  }
}
