/**
 * `<rahnama-suggest>`: the embeddable suggestion widget, built to /widget.js. Framework-free (no React in a third
 * party's page), styles in a shadow root. It attaches to an existing form's fields by id and shows the help
 * center's answers as the customer describes the problem:
 *
 *   <script src="https://help.example.com/widget.js" defer></script>
 *   <rahnama-suggest for="description" subject="subject" locale="fa"></rahnama-suggest>
 *
 * Attributes: `for` (id of the description field, required), `subject` (id of the subject field), `api` (origin of
 * the API; default: where widget.js came from), `locale` (fa|en; default: the page's lang, then the text's script).
 * When the API cannot answer, /widget-fallback.js (same origin as this file) searches the static index instead.
 * Listbox pattern: https://www.w3.org/WAI/ARIA/apg/patterns/listbox/
 */
import type { Locale } from '../../search-index/core/schemas.ts';
import type { Suggestion } from '../../search-index/core/types.ts';
import { ApiUnavailable, fetchSuggestions } from './api.ts';
import { eventSender, sendEmitted } from '../events/browser.ts';
import { createEmitter } from './events.ts';
import { createSuggester, MAX_SUGGESTIONS, scriptOf } from './suggester.ts';
import { WIDGET_STRINGS } from './strings.ts';
import css from './widget.css?inline';
import { FALLBACK_PATH } from './paths.ts';

/** After the API failed, answer from the static index for this long before trying the API again. */
export const API_RETRY_MS = 30_000;
/** Names of the hidden inputs the widget adds to the host form, so what was shown travels with the ticket. */
export const HIDDEN_FIELDS = { shown: 'rahnama_suggestions_shown', opened: 'rahnama_suggestion_opened' } as const;

interface Fallback {
  search(locale: Locale, text: string, limit: number): Promise<Suggestion[]>;
}

// document.currentScript is only set while this file first runs: read the help center's origin now.
const HOME = new URL((document.currentScript as HTMLScriptElement | null)?.src || location.href).origin;
let fallback: Promise<Fallback> | undefined;

/** Loads /widget-fallback.js once (again after a failure), which sets `rahnamaFallback`. */
function loadFallback(): Promise<Fallback> {
  return (fallback ??= new Promise<Fallback>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = HOME + FALLBACK_PATH;
    script.onload = () => resolve((window as unknown as { rahnamaFallback: Fallback }).rahnamaFallback);
    script.onerror = () => {
      fallback = undefined;
      reject(new Error('rahnama-suggest: the fallback script did not load'));
    };
    document.head.append(script);
  }));
}

const digits = (text: string, locale: Locale) => (locale === 'fa' ? text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[+d]!) : text);
const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

function make<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

export class RahnamaSuggest extends HTMLElement {
  /** What the customer saw and did (see events.ts); sent in batches to `<api>/api/v1/events`, the page may listen too. */
  readonly events = createEmitter();
  private root = this.attachShadow({ mode: 'open' });
  private panel = make('div', { class: 'panel', part: 'panel' });
  private list = make('div', { role: 'listbox', tabindex: '0', id: 'l', 'aria-labelledby': 'h', 'aria-describedby': 'i' });
  private status = make('div', { role: 'status', class: 'sr' });
  private ask = make('div', { class: 'ask' });
  private suggestions: Suggestion[] = [];
  private shown: string[] = [];
  private opened = '';
  private active = -1;
  private apiDownUntil = 0;
  private locale: Locale = 'en';
  private source: 'api' | 'static' = 'api';
  private hiddenInputs = new Map<string, HTMLInputElement>();
  private suggester = createSuggester<{ suggestions: Suggestion[]; locale: Locale }>({
    ask: (query, signal) => this.fetch(query.subject, query.description, signal),
    onResult: ({ suggestions, locale }, query) => this.render(suggestions, locale, query.key),
    onClear: () => this.render([], this.locale, ''),
  });

  connectedCallback(): void {
    if (this.root.childElementCount) return;
    this.events.on(sendEmitted(eventSender(this.getAttribute('api') || HOME)));
    this.root.append(make('style', {}, css), this.panel, this.status);
    this.panel.hidden = true;
    this.panel.append(make('p', { class: 'head', id: 'h' }), this.list, make('p', { class: 'sr', id: 'i' }), this.ask);
    this.list.addEventListener('keydown', (event) => this.key(event));
    this.list.addEventListener('focus', () => this.activate(Math.max(this.active, 0)));
    this.list.addEventListener('click', (event) => {
      const option = (event.target as Element).closest('[role="option"]');
      if (option) this.open([...this.list.children].indexOf(option));
    });
    const attach = () => {
      const description = this.field('for');
      if (!description) return false;
      const subject = this.field('subject');
      const update = () => this.suggester.update(subject?.value ?? '', description.value);
      for (const field of [description, subject]) field?.addEventListener('input', update);
      const form = description.closest('form');
      if (form) {
        // Filed anyway: the host's help desk files the ticket, so there is no reference, only what was shown and opened.
        form.addEventListener('submit', () =>
          this.events.emit({ type: 'ticket_submitted', surface: 'widget', locale: this.locale, shown: [...this.shown], ...(this.opened ? { opened: this.opened } : {}) }),
        );
        for (const name of Object.values(HIDDEN_FIELDS)) {
          const input = make('input', { type: 'hidden', name });
          form.append(input);
          this.hiddenInputs.set(name, input);
        }
      }
      if (description.value) update();
      return true;
    };
    if (!attach()) document.addEventListener('DOMContentLoaded', attach, { once: true });
  }

  disconnectedCallback(): void {
    this.suggester.cancel();
  }

  private field(attribute: string): HTMLInputElement | HTMLTextAreaElement | null {
    const id = this.getAttribute(attribute);
    return id ? (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null) : null;
  }

  /** The locale: the attribute, else the page's language, else the script of what was typed. */
  private localeFor(text: string): Locale {
    const lang = (this.getAttribute('locale') || document.documentElement.lang || (scriptOf(text) === 'arabic' ? 'fa' : 'en')).slice(0, 2);
    return lang === 'fa' ? 'fa' : 'en';
  }

  private async fetch(subject: string, description: string, signal: AbortSignal) {
    const locale = this.localeFor(`${subject} ${description}`);
    const request = { subject, description, locale, limit: MAX_SUGGESTIONS };
    if (Date.now() >= this.apiDownUntil) {
      try {
        this.source = 'api';
        return { suggestions: await fetchSuggestions(this.getAttribute('api') || HOME, request, signal), locale };
      } catch (error) {
        if (!(error instanceof ApiUnavailable)) throw error;
        this.apiDownUntil = Date.now() + API_RETRY_MS;
      }
    }
    this.source = 'static';
    const { search } = await loadFallback();
    return { suggestions: await search(locale, `${subject}\n${description}`, MAX_SUGGESTIONS), locale };
  }

  private render(suggestions: Suggestion[], locale: Locale, query: string): void {
    const strings = WIDGET_STRINGS[locale];
    this.locale = locale;
    this.suggestions = suggestions;
    this.active = -1;
    this.list.removeAttribute('aria-activedescendant');
    this.panel.dir = locale === 'fa' ? 'rtl' : 'ltr';
    this.panel.lang = locale;
    this.status.lang = locale;
    this.root.getElementById('h')!.textContent = strings.heading;
    this.root.getElementById('i')!.textContent = strings.hint;
    this.list.replaceChildren(
      ...suggestions.map((suggestion, n) => {
        const option = make('div', { role: 'option', id: `o${n}`, 'aria-selected': 'false' });
        const time = suggestion.start === undefined ? '' : digits(clock(suggestion.start), locale);
        const kind = suggestion.kind === 'video' ? fill(strings.video, { t: time }) : strings.article;
        const snippet = make('span', { class: 's' });
        // The snippet is HTML-safe by the API's contract (text escaped, matches in <mark>), and the static
        // fallback builds it with the same core; it is the one field set as HTML.
        snippet.innerHTML = suggestion.snippet;
        option.append(make('span', { class: 't' }, suggestion.title), make('span', { class: 'k' }, `${kind} ${strings.newTab}`), snippet);
        return option;
      }),
    );
    this.ask.replaceChildren();
    this.panel.hidden = suggestions.length === 0;
    this.status.textContent = query ? (suggestions.length ? fill(strings.found, { n: digits(String(suggestions.length), locale) }) : strings.none) : '';
    if (suggestions.length) {
      for (const { id } of suggestions) if (!this.shown.includes(id)) this.shown.push(id);
      this.shown = this.shown.slice(-10);
      this.setHidden(HIDDEN_FIELDS.shown, this.shown.join(','));
      this.events.emit({ type: 'suggestions_shown', surface: 'widget', locale, query, ids: suggestions.map((s) => s.id), source: this.source });
    }
  }

  private setHidden(name: string, value: string): void {
    const input = this.hiddenInputs.get(name);
    if (input) input.value = value;
  }

  private activate(n: number): void {
    const options = this.list.children;
    if (!options.length) return;
    options[this.active]?.setAttribute('aria-selected', 'false');
    this.active = (n + options.length) % options.length;
    const option = options[this.active]!;
    option.setAttribute('aria-selected', 'true');
    this.list.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }

  private key(event: KeyboardEvent): void {
    const moves: Record<string, number> = { ArrowDown: this.active + 1, ArrowUp: this.active - 1, Home: 0, End: -1 };
    if (event.key in moves) this.activate(moves[event.key]!);
    else if (event.key === 'Enter' || event.key === ' ') this.open(this.active);
    else if (event.key === 'Escape') this.field('for')?.focus();
    else return;
    event.preventDefault();
  }

  /** Opens a suggestion on the help center in a new tab (the form stays), then asks whether it solved the problem. */
  private open(n: number): void {
    const suggestion = this.suggestions[n];
    if (!suggestion) return;
    this.activate(n);
    window.open(new URL(suggestion.url, HOME).href, '_blank', 'noopener');
    const { locale } = this;
    const strings = WIDGET_STRINGS[locale];
    this.opened = suggestion.id;
    this.setHidden(HIDDEN_FIELDS.opened, suggestion.id);
    this.events.emit({ type: 'suggestion_opened', surface: 'widget', locale, id: suggestion.id, rank: n + 1 });
    const yes = make('button', { type: 'button' }, strings.yes);
    const no = make('button', { type: 'button' }, strings.no);
    const feedback = (solved: boolean) => {
      this.events.emit({ type: 'answer_feedback', surface: 'widget', locale, id: suggestion.id, solved });
      this.ask.replaceChildren(...(solved ? [make('p', { class: 'done', role: 'status' }, strings.done)] : []));
      if (!solved) this.list.focus();
    };
    yes.onclick = () => feedback(true);
    no.onclick = () => feedback(false);
    this.ask.replaceChildren(make('p', {}, fill(strings.asked, { title: suggestion.title })), yes, no);
  }
}

if (!customElements.get('rahnama-suggest')) customElements.define('rahnama-suggest', RahnamaSuggest);
