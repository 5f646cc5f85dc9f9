/**
 * Instant site search: enhances the plain GET search forms (the header's #site-search and the results page's
 * #search-page) into an ARIA 1.2 combobox with a listbox of suggestions grouped as articles and video moments.
 * Without JavaScript the forms still submit to /<locale>/search/?q=.
 *
 * Deliberately plain TypeScript, not React: this runs on every page, and an article page's JavaScript budget is
 * 30 KB gzipped. The search core and the index load on first focus (search-runtime.ts, a separate chunk).
 * Pattern: https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/
 */
import type { Locale } from '../../search-index/core/schemas.ts';
import type { Suggestion } from '../../search-index/core/types.ts';
import { searchUrl } from '../../search-index/core/urls.ts';
import { eventSender } from '../events/browser.ts';
import { idFromUrl, searchEvent } from '../events/mapping.ts';
import { countLabel, fill, momentLabel, SEARCH_STRINGS } from './search-strings.ts';
import './site-search.css';

/** Wait this long after the last keystroke before searching. */
export const DEBOUNCE_MS = 80;
/** Suggestions shown under the box (the results page shows up to 10). */
export const MAX_SUGGESTIONS = 8;
export const PAGE_RESULTS = 10;
/**
 * A query counts as searched (suggestion_shown with surface "search", or search_no_results) once the customer has
 * paused this long, picks an answer, submits, or leaves: the words typed on the way are not searches.
 */
export const SEARCH_SETTLE_MS = 1500;
/** What the built results page holds until results are rendered into it (the Node server may fill it first). */
const RESULTS_MARKER = 'rahnama:search-results';

type Runtime = typeof import('./search-runtime.ts');
let runtime: Promise<Runtime> | undefined;
const loadRuntime = (): Promise<Runtime> => (runtime ??= import('./search-runtime.ts'));

const pageLocale = (): Locale => (document.documentElement.lang.startsWith('en') ? 'en' : 'fa');

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Title, moment and snippet of one suggestion; the snippet is HTML-safe by the core's contract (escaped + <mark>). */
function suggestionBody(target: HTMLElement, suggestion: Suggestion, locale: Locale): void {
  const strings = SEARCH_STRINGS[locale];
  target.append(element('span', { class: 'site-search__title' }, suggestion.title));
  if (suggestion.kind === 'video' && suggestion.start !== undefined) {
    target.append(element('span', { class: 'site-search__moment' }, fill(strings.from, { time: momentLabel(suggestion.start, locale) })));
  }
  const snippet = element('span', { class: 'site-search__snippet' });
  snippet.innerHTML = suggestion.snippet;
  target.append(snippet);
}

const GROUPS = ['article', 'video'] as const;

/** Turns one search form into a combobox. */
export function enhance(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[name="q"]');
  if (!input || form.dataset.enhanced) return;
  form.dataset.enhanced = 'true';
  const locale = pageLocale();
  const strings = SEARCH_STRINGS[locale];
  const listId = `${form.id}-listbox`;
  const hintId = `${form.id}-hint`;

  const list = element('div', { id: listId, role: 'listbox', class: 'site-search__list', 'aria-label': strings.results.split('{')[0]!.trim() || strings.articles });
  list.hidden = true;
  const hint = element('span', { id: hintId, class: 'visually-hidden' }, strings.hint);
  const status = element('div', { role: 'status', class: 'visually-hidden' });
  form.classList.add('site-search');
  form.append(list, hint, status);

  Object.entries({
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': hintId,
  }).forEach(([name, value]) => input.setAttribute(name, value));

  let options: HTMLElement[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  let settle: ReturnType<typeof setTimeout> | undefined;
  let pending: { query: string; ids: string[] } | undefined;
  let recorded = '';
  let current: string[] = [];
  const events = eventSender('', locale);
  const record = () => {
    clearTimeout(settle);
    if (pending && pending.query !== recorded) {
      recorded = pending.query;
      events.send(searchEvent(pending.query, pending.ids, locale, Date.now()));
    }
    pending = undefined;
  };
  events.beforeHide(() => record());

  const setActive = (next: number) => {
    options[active]?.removeAttribute('aria-selected');
    active = next;
    const option = options[active];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };

  const open = () => {
    if (options.length === 0) return;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  const go = (option: HTMLElement | undefined) => {
    const url = option?.dataset.url;
    if (!url) return;
    const shown = current;
    record();
    const id = idFromUrl(url);
    const rank = id ? shown.indexOf(id) + 1 : 0;
    if (id && rank > 0) events.send({ type: 'suggestion_opened', at: Date.now(), id, rank });
    window.location.assign(url);
  };

  const render = (suggestions: Suggestion[], query: string) => {
    list.replaceChildren();
    options = [];
    active = -1;
    let n = 0;
    const addOption = (parent: HTMLElement, url: string, fillBody: (option: HTMLElement) => void, extraClass = '') => {
      const option = element('div', { role: 'option', id: `${listId}-${n++}`, class: `site-search__option ${extraClass}`.trim(), 'data-url': url });
      fillBody(option);
      parent.append(option);
      options.push(option);
    };
    for (const kind of GROUPS) {
      const items = suggestions.filter((suggestion) => suggestion.kind === kind);
      if (items.length === 0) continue;
      const labelId = `${listId}-${kind}`;
      const group = element('div', { role: 'group', 'aria-labelledby': labelId, class: 'site-search__group' });
      group.append(element('div', { id: labelId, role: 'presentation', class: 'site-search__group-label' }, kind === 'article' ? strings.articles : strings.videos));
      for (const suggestion of items) addOption(group, suggestion.url, (option) => suggestionBody(option, suggestion, locale));
      list.append(group);
    }
    if (suggestions.length === 0) list.append(element('div', { class: 'site-search__empty' }, fill(strings.none, { query })));
    addOption(list, searchUrl(locale, query), (option) => option.append(fill(strings.seeAll, { query })), 'site-search__all');
    status.textContent = suggestions.length ? fill(suggestions.length === 1 ? strings.resultsOne : strings.results, { count: countLabel(suggestions.length, locale), query }) : fill(strings.none, { query });
    open();
    clearTimeout(settle);
    current = suggestions.map((suggestion) => suggestion.id);
    pending = { query, ids: current };
    settle = setTimeout(record, SEARCH_SETTLE_MS);
  };

  const run = async () => {
    const query = input.value.trim();
    const mine = ++sequence;
    if (!query) {
      list.replaceChildren();
      options = [];
      close();
      return;
    }
    try {
      const { search } = await loadRuntime();
      const suggestions = await search(locale, query, MAX_SUGGESTIONS);
      if (mine === sequence && document.activeElement === input) render(suggestions, query);
    } catch {
      if (mine === sequence) status.textContent = strings.unavailable;
    }
  };

  input.addEventListener('focus', () => {
    // Load the core and the index on first focus, so the first keystroke finds them ready.
    void loadRuntime().then((module) => module.loadIndex(locale)).catch(() => undefined);
    if (input.value.trim() && options.length > 0) open();
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (list.hidden) open();
        else if (options.length) setActive((active + 1) % options.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (list.hidden) open();
        else if (options.length) setActive(active <= 0 ? options.length - 1 : active - 1);
        break;
      case 'Enter':
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          go(options[active]);
        }
        break;
      case 'Escape':
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = '';
        }
        break;
      case 'Tab':
        close();
        break;
    }
  });
  // mousedown would move focus away from the input and close the list before the click lands.
  list.addEventListener('mousedown', (event) => event.preventDefault());
  list.addEventListener('click', (event) => go((event.target as HTMLElement).closest<HTMLElement>('[role="option"]') ?? undefined));
  form.addEventListener('submit', record);
  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget as Node | null)) close();
  });
}

/** On the results page built for static hosting, renders results for ?q= in the browser. */
async function renderResultsPage(): Promise<void> {
  const container = document.getElementById('search-results');
  const query = new URLSearchParams(window.location.search).get('q')?.trim();
  const input = document.querySelector<HTMLInputElement>('#search-page input[name="q"]');
  if (input && query && !input.value) input.value = query;
  if (!container || !query) return;
  const locale = pageLocale();
  const strings = SEARCH_STRINGS[locale];
  const events = eventSender('', locale);
  const resultIds = () => [...container.querySelectorAll<HTMLAnchorElement>('a.search-result__title')].map((link) => idFromUrl(link.getAttribute('href') ?? ''));
  // A result opened from the page: its rank is its place in the list as shown.
  container.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a.search-result__title');
    const id = link && idFromUrl(link.getAttribute('href') ?? '');
    const rank = id ? resultIds().indexOf(id) + 1 : 0;
    if (id && rank > 0 && rank <= PAGE_RESULTS) events.send({ type: 'suggestion_opened', at: Date.now(), id, rank });
  });
  // The Node server fills the page itself; then the marker is gone and only the search is recorded.
  if (!container.innerHTML.includes(RESULTS_MARKER)) {
    const ids = resultIds().filter((id): id is string => id !== null);
    const none = container.querySelector('.search-results__summary')?.textContent === fill(strings.none, { query });
    if (ids.length || none) events.send(searchEvent(query, ids, locale, Date.now()));
    return;
  }
  container.setAttribute('aria-busy', 'true');
  container.replaceChildren(element('p', { class: 'search-results__summary' }, strings.loading));
  try {
    const { search } = await loadRuntime();
    const suggestions = await search(locale, query, PAGE_RESULTS);
    const summary = element(
      'p',
      { class: 'search-results__summary', role: 'status' },
      suggestions.length ? fill(suggestions.length === 1 ? strings.resultsOne : strings.results, { count: countLabel(suggestions.length, locale), query }) : fill(strings.none, { query }),
    );
    const groups = GROUPS.map((kind) => ({ kind, items: suggestions.filter((suggestion) => suggestion.kind === kind) }))
      .filter((group) => group.items.length > 0)
      .map(({ kind, items }) => {
        const section = element('section', { class: `search-results__group search-results__group--${kind}` });
        section.append(element('h2', {}, kind === 'article' ? strings.articles : strings.videos));
        const ol = element('ol');
        for (const suggestion of items) {
          const li = element('li', { class: `search-result search-result--${kind}` });
          const link = element('a', { class: 'search-result__title', href: suggestion.url }, suggestion.title);
          li.append(link);
          if (kind === 'video' && suggestion.start !== undefined) {
            li.append(' ', element('span', { class: 'search-result__time' }, fill(strings.from, { time: momentLabel(suggestion.start, locale) })));
          }
          if (suggestion.section) li.append(element('span', { class: 'search-result__section' }, suggestion.section));
          const snippet = element('p', { class: 'search-result__snippet' });
          snippet.innerHTML = suggestion.snippet;
          li.append(snippet);
          ol.append(li);
        }
        section.append(ol);
        return section;
      });
    container.replaceChildren(summary, ...groups);
    // In the order shown (articles, then video moments), the order the ranks of opened results count in.
    events.send(searchEvent(query, resultIds().filter((id): id is string => id !== null), locale, Date.now()));
  } catch {
    container.replaceChildren(element('p', { class: 'search-results__summary', role: 'status' }, strings.retryLater));
  } finally {
    container.removeAttribute('aria-busy');
  }
}

for (const id of ['site-search', 'search-page']) {
  const form = document.getElementById(id);
  if (form instanceof HTMLFormElement) enhance(form);
}
void renderResultsPage();
