/**
 * The preview of a suggestion beside the contact form: the built article page is fetched (same origin) and only
 * the section the suggestion points at is kept; for a video guide, the transcript lines from its second. The result
 * is cleaned to an allowlist of tags and attributes before it is shown, and links open in a new tab so the form
 * and what was typed stay where they are.
 */

/** Transcript lines shown from a video's moment. */
export const VIDEO_PREVIEW_CUES = 6;

const ALLOWED_TAGS = new Set([
  'P', 'UL', 'OL', 'LI', 'STRONG', 'EM', 'B', 'I', 'CODE', 'KBD', 'PRE', 'H2', 'H3', 'H4', 'A', 'FIGURE', 'FIGCAPTION',
  'IMG', 'DIV', 'SPAN', 'BLOCKQUOTE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'BR', 'TIME',
]);
const ALLOWED_ATTRIBUTES = new Set(['href', 'src', 'alt', 'class', 'dir', 'lang', 'datetime']);
/** Elements dropped with their content (icons, scripts, interactive parts of the page). */
const DROPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'SVG', 'IFRAME', 'NOSCRIPT', 'BUTTON', 'FORM', 'INPUT', 'TEMPLATE', 'OBJECT', 'EMBED']);

/** Copies `node` into `target` keeping allowed tags and attributes; other tags are unwrapped, dropped ones removed. */
function cleanInto(target: Node, node: Node, base: URL): void {
  if (node.nodeType === Node.TEXT_NODE) {
    target.appendChild(document.createTextNode(node.textContent ?? ''));
    return;
  }
  if (!(node instanceof Element)) return;
  const tag = node.tagName.toUpperCase();
  if (DROPPED_TAGS.has(tag)) return;
  let into: Node = target;
  if (ALLOWED_TAGS.has(tag)) {
    const copy = document.createElement(tag.toLowerCase());
    for (const { name, value } of [...node.attributes]) {
      if (!ALLOWED_ATTRIBUTES.has(name)) continue;
      if (name === 'href' || name === 'src') {
        const url = new URL(value, base);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
        copy.setAttribute(name, url.href);
      } else copy.setAttribute(name, value);
    }
    if (tag === 'A') {
      copy.setAttribute('target', '_blank');
      copy.setAttribute('rel', 'noopener');
    }
    target.appendChild(copy);
    into = copy;
  }
  for (const child of [...node.childNodes]) cleanInto(into, child, base);
}

const headingLevel = (element: Element): number => (/^H([1-6])$/.exec(element.tagName.toUpperCase()) ? Number(element.tagName[1]) : 0);

/** The article's section for `anchor` (its heading up to the next heading of the same or a higher level), else its introduction. */
function articleSection(page: Document, anchor: string): Element[] {
  const prose = page.querySelector('article .prose');
  if (!prose) return [];
  const children = [...prose.children];
  const start = anchor ? children.findIndex((element) => element.id === anchor) : -1;
  if (start < 0) {
    const end = children.findIndex((element) => headingLevel(element) > 0);
    return children.slice(0, end < 0 ? children.length : end);
  }
  const level = headingLevel(children[start]!);
  const rest = children.slice(start + 1);
  const end = rest.findIndex((element) => headingLevel(element) > 0 && headingLevel(element) <= level);
  return [children[start]!, ...rest.slice(0, end < 0 ? rest.length : end)];
}

/** The transcript lines of a video guide from the cue that contains `second`. */
function videoMoment(page: Document, second: number): Element[] {
  const cues = [...page.querySelectorAll('li')].filter((li) => /^\?t=\d+$/.test(li.querySelector('a')?.getAttribute('href') ?? ''));
  const startOf = (li: Element) => Number(li.querySelector('a')!.getAttribute('href')!.slice(3));
  let first = cues.findIndex((li) => startOf(li) > second) - 1;
  if (first < 0) first = cues.findIndex((li) => startOf(li) >= second);
  if (first < 0) first = Math.max(0, cues.length - VIDEO_PREVIEW_CUES);
  const list = page.createElement('ul');
  list.className = 'contact-preview__cues';
  list.append(...cues.slice(first, first + VIDEO_PREVIEW_CUES).map((li) => li.cloneNode(true)));
  return [list];
}

/** Fetches the page a suggestion points at and returns the cleaned section, ready to insert. */
export async function loadPreview(url: string, kind: 'article' | 'video', signal?: AbortSignal): Promise<DocumentFragment> {
  const target = new URL(url, window.location.href);
  const response = await fetch(target.pathname, { signal });
  if (!response.ok) throw new Error(`preview: HTTP ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const parts =
    kind === 'video' ? videoMoment(page, Number(target.searchParams.get('t') ?? 0)) : articleSection(page, decodeURIComponent(target.hash.slice(1)));
  if (parts.length === 0) throw new Error('preview: nothing to show on the page');
  const fragment = document.createDocumentFragment();
  for (const part of parts) cleanInto(fragment, part, target);
  return fragment;
}
