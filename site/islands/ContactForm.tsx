/**
 * The contact form (hydrated on /<locale>/contact/ only): subject, description, email and an optional topic, with
 * the help center's answers suggested beside it while the customer types, a preview of an answer without leaving
 * the form, and ticket filing that keeps the text when the API cannot take it. The suggestion loop (pause, minimum
 * length, stale answers) is site/widget/suggester.ts, shared with the embeddable widget.
 * Listbox pattern: https://www.w3.org/WAI/ARIA/apg/patterns/listbox/
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import type { Locale } from '../../search-index/core/schemas.ts';
import type { Suggestion } from '../../search-index/core/types.ts';
import { localizeDigits } from '../i18n/format.ts';
import { ApiUnavailable, fetchSuggestions } from '../widget/api.ts';
import { createSuggester, MAX_SUGGESTIONS, type Suggester } from '../widget/suggester.ts';
import { eventSender, sendEmitted } from '../events/index.ts';
import { contactEvents } from './contact-events.ts';
import { CONTACT_STRINGS } from './contact-strings.ts';
import { loadPreview } from './contact-preview.ts';
import { clearDraft, loadDraft, saveDraft, submitTicket, TICKET_FIELD_LIMITS, TICKET_FORM_PATH, validateTicket, type TicketField } from './contact-ticket.ts';
import { fill, momentLabel } from './search-strings.ts';

export interface CategoryOption {
  slug: string;
  name: string;
}

interface Props {
  locale: Locale;
  categories: CategoryOption[];
}

type FieldErrors = Partial<Record<TicketField, 'invalid' | 'tooLong'>>;
type Preview = { suggestion: Suggestion; rank: number; state: 'loading' | 'ready' | 'error' };
type Sending = 'idle' | 'sending' | 'unavailable' | 'failed';

const loadRuntime = () => import('./search-runtime.ts');
/** A random idempotency key (getRandomValues also works outside secure contexts, unlike randomUUID). */
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

export default function ContactForm({ locale, categories }: Props) {
  const strings = CONTACT_STRINGS[locale];
  const id = `contact${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const ids = {
    subject: `${id}-subject`,
    description: `${id}-description`,
    email: `${id}-email`,
    category: `${id}-category`,
    list: `${id}-answers`,
    listTitle: `${id}-answers-title`,
    listHint: `${id}-answers-hint`,
    preview: `${id}-preview-title`,
  };
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [email, setEmail] = useState('');
  const [category, setCategory] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [otherError, setOtherError] = useState(false);
  const [sending, setSending] = useState<Sending>('idle');
  const [restored, setRestored] = useState(false);
  const [reference, setReference] = useState<string>();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [source, setSource] = useState<'api' | 'static'>('api');
  const [asked, setAsked] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [active, setActive] = useState(-1);
  const [preview, setPreview] = useState<Preview>();
  const [solved, setSolved] = useState<Suggestion>();

  /** The idempotency key of this form fill: made on the first attempt to send, reused by every retry. */
  const key = useRef('');
  const shown = useRef<string[]>([]);
  const opened = useRef<string | undefined>(undefined);
  const listRef = useRef<HTMLDivElement>(null);
  const previewBody = useRef<HTMLDivElement>(null);
  const previewTitle = useRef<HTMLHeadingElement>(null);
  const sentTitle = useRef<HTMLHeadingElement>(null);
  const doneTitle = useRef<HTMLHeadingElement>(null);
  const fieldRefs = useRef<Partial<Record<TicketField, HTMLElement | null>>>({});

  const suggester = useMemo<Suggester>(
    () =>
      createSuggester<{ suggestions: Suggestion[]; source: 'api' | 'static' }>({
        async ask(query, signal) {
          const request = { subject: query.subject, description: query.description, locale, limit: MAX_SUGGESTIONS };
          try {
            return { suggestions: await fetchSuggestions('', request, signal), source: 'api' };
          } catch (error) {
            if (!(error instanceof ApiUnavailable)) throw error;
            // The API is down or unreachable (a static host, say): search the static index in the browser.
            const { search } = await loadRuntime();
            return { suggestions: await search(locale, query.key, MAX_SUGGESTIONS), source: 'static' };
          }
        },
        onResult(result, query) {
          setSuggestions(result.suggestions);
          setSource(result.source);
          setAsked(true);
          setActive(-1);
          const count = result.suggestions.length;
          setAnnouncement(count ? fill(count === 1 ? strings.foundOne : strings.found, { count: localizeDigits(String(count), locale) }) : strings.none);
          if (count) {
            for (const s of result.suggestions) if (!shown.current.includes(s.id)) shown.current.push(s.id);
            shown.current = shown.current.slice(-TICKET_FIELD_LIMITS.suggestionsShownMax);
            contactEvents.emit({ type: 'suggestions_shown', surface: 'contact', locale, query: query.key, ids: result.suggestions.map((s) => s.id), source: result.source });
          }
        },
        onClear() {
          setSuggestions([]);
          setAsked(false);
          setActive(-1);
          setAnnouncement('');
        },
      }),
    [locale, strings],
  );

  /**
   * Until the script runs, the server-rendered form is a plain HTML form: it posts to TICKET_FORM_PATH and the
   * browser checks the fields (required, lengths, email). Once hydrated, this component checks and sends them.
   */
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  useEffect(() => () => suggester.cancel(), [suggester]);
  // What the customer sees and does goes to POST /api/v1/events in batches (never in the way of suggestions).
  useEffect(() => contactEvents.on(sendEmitted(eventSender('', locale))), [locale]);

  // A ticket that could not be sent earlier in this tab comes back with its idempotency key.
  useEffect(() => {
    const draft = loadDraft();
    if (!draft) return;
    setSubject(draft.subject);
    setDescription(draft.description);
    setEmail(draft.email);
    setCategory(draft.category);
    key.current = draft.idempotencyKey;
    shown.current = draft.suggestionsShown;
    opened.current = draft.suggestionOpened;
    setRestored(true);
    suggester.update(draft.subject, draft.description);
  }, [suggester]);

  // Load the index early once the customer starts, so a fallback answer is quick if the API is down.
  const warmed = useRef(false);
  const warm = () => {
    if (warmed.current) return;
    warmed.current = true;
    void loadRuntime().catch(() => undefined);
  };

  const onSubject = (value: string) => {
    setSubject(value);
    suggester.update(value, description);
  };
  const onDescription = (value: string) => {
    setDescription(value);
    suggester.update(subject, value);
  };

  const openPreview = (rank: number) => {
    const suggestion = suggestions[rank];
    if (!suggestion) return;
    setActive(rank);
    opened.current = suggestion.id;
    setPreview({ suggestion, rank, state: 'loading' });
    contactEvents.emit({ type: 'suggestion_opened', surface: 'contact', locale, id: suggestion.id, rank: rank + 1 });
  };

  useEffect(() => {
    if (!preview || preview.state !== 'loading') return;
    const controller = new AbortController();
    previewTitle.current?.focus();
    loadPreview(preview.suggestion.url, preview.suggestion.kind, controller.signal).then(
      (fragment) => {
        if (controller.signal.aborted) return;
        setPreview({ ...preview, state: 'ready' });
        // The section is our own built page, cleaned to an allowlist (contact-preview.ts), inserted as nodes.
        queueMicrotask(() => previewBody.current?.replaceChildren(fragment));
      },
      () => {
        if (!controller.signal.aborted) setPreview({ ...preview, state: 'error' });
      },
    );
    return () => controller.abort();
  }, [preview]);

  const closePreview = () => {
    if (preview) contactEvents.emit({ type: 'answer_feedback', surface: 'contact', locale, id: preview.suggestion.id, solved: false });
    setPreview(undefined);
    queueMicrotask(() => listRef.current?.focus());
  };

  const markSolved = () => {
    if (!preview) return;
    contactEvents.emit({ type: 'answer_feedback', surface: 'contact', locale, id: preview.suggestion.id, solved: true });
    setSolved(preview.suggestion);
    setPreview(undefined);
  };

  useEffect(() => {
    if (solved) doneTitle.current?.focus();
  }, [solved]);
  useEffect(() => {
    if (reference) sentTitle.current?.focus();
  }, [reference]);

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const count = suggestions.length;
    if (!count) return;
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: count - 1 };
    if (event.key in moves) setActive((moves[event.key]! + count) % count);
    else if ((event.key === 'Enter' || event.key === ' ') && active >= 0) openPreview(active);
    else if (event.key === 'Escape') fieldRefs.current.description?.focus();
    else return;
    event.preventDefault();
  };

  useEffect(() => {
    if (active >= 0) document.getElementById(`${ids.list}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, ids.list]);

  const draft = () => ({
    subject,
    description,
    email,
    category,
    idempotencyKey: key.current,
    suggestionsShown: shown.current,
    ...(opened.current ? { suggestionOpened: opened.current } : {}),
  });

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending === 'sending') return;
    const found = validateTicket({ subject, description, email });
    setErrors(found);
    setOtherError(false);
    const first = (['subject', 'description', 'email'] as const).find((name) => found[name]);
    if (first) {
      fieldRefs.current[first]?.focus();
      return;
    }
    key.current ||= newKey();
    setSending('sending');
    const outcome = await submitTicket(draft(), locale);
    if (outcome.kind === 'sent') {
      clearDraft();
      contactEvents.emit({ type: 'ticket_submitted', surface: 'contact', locale, reference: outcome.reference, shown: [...shown.current], ...(opened.current ? { opened: opened.current } : {}) });
      setSending('idle');
      setRestored(false);
      setReference(outcome.reference);
    } else if (outcome.kind === 'invalid') {
      setSending('idle');
      setErrors(outcome.fields);
      setOtherError(outcome.other);
      const firstInvalid = (['subject', 'description', 'email', 'category'] as const).find((name) => outcome.fields[name]);
      if (firstInvalid) fieldRefs.current[firstInvalid]?.focus();
    } else {
      if (outcome.kind === 'unavailable') saveDraft(draft());
      setSending(outcome.kind);
    }
  };

  const startOver = () => {
    key.current = '';
    shown.current = [];
    opened.current = undefined;
    suggester.cancel();
    setSubject('');
    setDescription('');
    setCategory('');
    setSuggestions([]);
    setAsked(false);
    setAnnouncement('');
    setReference(undefined);
  };

  if (reference) {
    return (
      <section className="contact-done" aria-labelledby={`${id}-sent`}>
        <h2 id={`${id}-sent`} ref={sentTitle} tabIndex={-1}>
          {strings.sentTitle}
        </h2>
        <p className="contact-done__reference">
          {strings.sentReference}{' '}
          <strong>
            <bdi dir="ltr" data-reference={reference}>
              {localizeDigits(reference, locale)}
            </bdi>
          </strong>
        </p>
        <p>{strings.sentLead}</p>
        <button type="button" className="button button--quiet" onClick={startOver}>
          {strings.another}
        </button>
      </section>
    );
  }

  if (solved) {
    return (
      <section className="contact-done" aria-labelledby={`${id}-solved`}>
        <h2 id={`${id}-solved`} ref={doneTitle} tabIndex={-1}>
          {strings.doneTitle}
        </h2>
        <p>{strings.doneLead}</p>
        <p>
          <a href={solved.url}>{fill(strings.doneLink, { title: solved.title })}</a>
        </p>
        <button type="button" className="button button--quiet" onClick={() => setSolved(undefined)}>
          {strings.doneBack}
        </button>
      </section>
    );
  }

  const describedBy = (name: TicketField, hint?: string) => [hint, errors[name] ? `${ids[name]}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const errorText = (name: TicketField) => (errors[name] === 'tooLong' ? strings.errors.tooLong : strings.errors[name]);
  const fieldError = (name: TicketField) =>
    errors[name] ? (
      <p className="contact-field__error" id={`${ids[name]}-error`}>
        {errorText(name)}
      </p>
    ) : null;
  const activeId = active >= 0 && suggestions.length ? `${ids.list}-${active}` : undefined;

  return (
    <form className="contact-form" method="post" action={TICKET_FORM_PATH} noValidate={hydrated} onSubmit={onSubmit} aria-busy={sending === 'sending'}>
      <input type="hidden" name="locale" value={locale} />
      {restored && (
        <p className="contact-form__notice" role="status">
          {strings.restored}
        </p>
      )}
      <div className="contact-form__fields">
        <div className="contact-field">
          <label htmlFor={ids.subject}>{strings.subject}</label>
          <p className="contact-field__hint" id={`${ids.subject}-hint`}>
            {strings.subjectHint}
          </p>
          <input
            id={ids.subject}
            name="subject"
            type="text"
            dir="auto"
            autoComplete="off"
            required
            minLength={TICKET_FIELD_LIMITS.subject.min}
            maxLength={TICKET_FIELD_LIMITS.subject.max}
            value={subject}
            ref={(element) => void (fieldRefs.current.subject = element)}
            aria-invalid={errors.subject ? true : undefined}
            aria-describedby={describedBy('subject', `${ids.subject}-hint`)}
            onFocus={warm}
            onChange={(event) => onSubject(event.target.value)}
          />
          {fieldError('subject')}
        </div>
        <div className="contact-field">
          <label htmlFor={ids.description}>{strings.description}</label>
          <p className="contact-field__hint" id={`${ids.description}-hint`}>
            {strings.descriptionHint}
          </p>
          <textarea
            id={ids.description}
            name="description"
            dir="auto"
            rows={7}
            required
            minLength={TICKET_FIELD_LIMITS.description.min}
            value={description}
            ref={(element) => void (fieldRefs.current.description = element)}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={describedBy('description', `${ids.description}-hint`)}
            onFocus={warm}
            onChange={(event) => onDescription(event.target.value)}
          />
          {fieldError('description')}
        </div>
      </div>

      <section className="contact-answers" aria-labelledby={ids.listTitle}>
        <h2 id={ids.listTitle} className="contact-answers__title">
          {strings.suggestionsTitle}
        </h2>
        <div role="status" className="visually-hidden">
          {announcement}
        </div>
        {preview ? (
          <div className="contact-preview">
            <h3 id={ids.preview} ref={previewTitle} tabIndex={-1} className="contact-preview__title">
              {preview.suggestion.title}
            </h3>
            {preview.state === 'loading' && <p className="contact-preview__status">{strings.previewLoading}</p>}
            {preview.state === 'error' && <p className="contact-preview__status">{strings.previewError}</p>}
            <div className="contact-preview__body prose" ref={previewBody} hidden={preview.state !== 'ready'} />
            <p className="contact-preview__more">
              <a href={preview.suggestion.url} target="_blank" rel="noopener">
                {preview.suggestion.kind === 'video'
                  ? fill(strings.openVideo, { time: momentLabel(preview.suggestion.start ?? 0, locale) })
                  : strings.openArticle}
              </a>
            </p>
            <div className="contact-preview__actions">
              <button type="button" className="button" onClick={markSolved}>
                {strings.solved}
              </button>
              <button type="button" className="button button--quiet" onClick={closePreview}>
                {strings.notThis}
              </button>
            </div>
          </div>
        ) : (
          <>
            {!asked && <p className="contact-answers__idle">{strings.suggestionsIdle}</p>}
            {asked && suggestions.length === 0 && <p className="contact-answers__idle">{strings.none}</p>}
            <p id={ids.listHint} className="visually-hidden">
              {strings.suggestionsHint}
            </p>
            <div
              id={ids.list}
              ref={listRef}
              role="listbox"
              tabIndex={suggestions.length ? 0 : -1}
              hidden={suggestions.length === 0}
              className="contact-answers__list"
              aria-labelledby={ids.listTitle}
              aria-describedby={ids.listHint}
              aria-activedescendant={activeId}
              onKeyDown={onListKey}
              onFocus={() => active < 0 && suggestions.length && setActive(0)}
            >
              {suggestions.map((suggestion, n) => (
                <div
                  key={suggestion.id}
                  id={`${ids.list}-${n}`}
                  role="option"
                  aria-selected={n === active}
                  data-id={suggestion.id}
                  className={`contact-answer contact-answer--${suggestion.kind}`}
                  onClick={() => openPreview(n)}
                >
                  <span className="contact-answer__title">{suggestion.title}</span>
                  <span className="contact-answer__meta">
                    {suggestion.kind === 'video' ? fill(strings.video, { time: momentLabel(suggestion.start ?? 0, locale) }) : strings.article}
                    {suggestion.section && suggestion.section !== suggestion.title ? ` · ${suggestion.section}` : ''}
                  </span>
                  {/* The snippet is HTML-safe by the API's contract (escaped text, matches in <mark>); the static
                      fallback builds it with the same search core. It is the only field rendered as HTML. */}
                  <span className="contact-answer__snippet" dangerouslySetInnerHTML={{ __html: suggestion.snippet }} />
                </div>
              ))}
            </div>
            {source === 'static' && suggestions.length > 0 && <p className="contact-answers__source">{strings.offline}</p>}
          </>
        )}
      </section>

      <div className="contact-form__fields contact-form__fields--rest">
        <div className="contact-field">
          <label htmlFor={ids.category}>
            {strings.category} <span className="contact-field__optional">{strings.optional}</span>
          </label>
          <select
            id={ids.category}
            name="category"
            value={category}
            ref={(element) => void (fieldRefs.current.category = element)}
            aria-invalid={errors.category ? true : undefined}
            aria-describedby={describedBy('category')}
            onChange={(event) => setCategory(event.target.value)}
          >
            <option value="">{strings.categoryNone}</option>
            {categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
          {fieldError('category')}
        </div>
        <div className="contact-field">
          <label htmlFor={ids.email}>{strings.email}</label>
          <p className="contact-field__hint" id={`${ids.email}-hint`}>
            {strings.emailHint}
          </p>
          <input
            id={ids.email}
            name="email"
            type="email"
            dir="ltr"
            autoComplete="email"
            inputMode="email"
            required
            maxLength={TICKET_FIELD_LIMITS.emailMax}
            value={email}
            ref={(element) => void (fieldRefs.current.email = element)}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describedBy('email', `${ids.email}-hint`)}
            onChange={(event) => setEmail(event.target.value)}
          />
          {fieldError('email')}
        </div>
        {(otherError || sending === 'failed') && (
          <p className="contact-form__alert" role="alert">
            {strings.errors.other}
          </p>
        )}
        {sending === 'unavailable' && (
          <p className="contact-form__alert" role="alert">
            {strings.unavailable}
          </p>
        )}
        <div className="contact-form__submit">
          <button type="submit" className="button" aria-disabled={sending === 'sending'}>
            {sending === 'sending' ? strings.sending : sending === 'unavailable' ? strings.retry : strings.submit}
          </button>
          <a className="contact-form__phone" href="tel:1570">
            {strings.phone}
          </a>
        </div>
      </div>
    </form>
  );
}
