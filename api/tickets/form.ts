/**
 * Ticket intake from a plain HTML form: what the contact page's form posts when its script has not run (JavaScript
 * turned off, or a browser too old for it, or a customer who sends before it has loaded). The JSON route
 * (`POST /tickets`) stays the one the page's script and other clients use.
 *
 * The answer is a small page in the form's language, not JSON: the ticket's reference (201), the fields to fix (400;
 * the browser's Back button returns to the form with the text still in it), or "nothing was filed, try again" (503).
 * A form has no idempotency key of its own, so one is derived from what was sent and the hour it was sent in: sending
 * the same form again (a reload, a double click) answers with the ticket it first created. Runtime-neutral: Web
 * Crypto only.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ZodError } from 'zod';
import { LOCALES, type Locale } from '../../search-index/core/schemas.ts';
import { escapeHtml } from '../../search-index/core/snippet.ts';
import { ApiError } from '../errors.ts';
import { localeFromAcceptLanguage } from '../locale.ts';
import { crossSiteRefused, listedOrigins } from '../middleware/cross-site.ts';
import { TICKET_LIMITS } from './config.ts';
import { sha256, toHex } from './signature.ts';

/** The path of the form route under /api/v1; the contact page's form posts here. */
export const TICKET_FORM_PATH = '/tickets/form';

/** Content-Security-Policy of the answer pages: their own inline stylesheet, nothing else. */
const FORM_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers of every answer page: never cached, their own inline stylesheet only. */
export const FORM_PAGE_HEADERS = { 'Cache-Control': 'no-store', 'Content-Security-Policy': FORM_PAGE_CSP } as const;

/** A form sent again within this long of the first one answers with the ticket the first one filed. */
export const SAME_FORM_WINDOW_MS = 60 * 60 * 1000;

type Field = 'subject' | 'description' | 'email' | 'category' | 'locale';

interface PageStrings {
  dir: 'rtl' | 'ltr';
  sentTitle: string;
  reference: string;
  sentLead: string;
  home: string;
  invalidTitle: string;
  invalidLead: string;
  fields: Record<Field, string>;
  unavailableTitle: string;
  unavailableLead: string;
  tooLargeTitle: string;
  tooLargeLead: string;
  tooManyTitle: string;
  tooManyLead: string;
  failedTitle: string;
  failedLead: string;
  crossSiteTitle: string;
  crossSiteLead: string;
  contact: string;
}

const digits = (locale: Locale, value: number) => new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-US').format(value);
const { subject, description } = TICKET_LIMITS;

const STRINGS: Record<Locale, PageStrings> = {
  fa: {
    dir: 'rtl',
    sentTitle: 'درخواست‌تان ثبت شد',
    reference: 'شماره‌ی پیگیری:',
    sentLead: 'کارشناسان ما به‌زودی به {email} پاسخ می‌دهند. این شماره را برای پیگیری نگه دارید.',
    home: 'بازگشت به مرکز راهنما',
    invalidTitle: 'درخواست فرستاده نشد',
    invalidLead: 'این موارد را درست کنید. با دکمه‌ی «بازگشت» مرورگر به فرم برگردید؛ نوشته‌هایتان همان‌جاست.',
    fields: {
      subject: `موضوع: بین ${digits('fa', subject.min)} تا ${digits('fa', subject.max)} نویسه بنویسید.`,
      description: `شرح مشکل: بین ${digits('fa', description.min)} تا ${digits('fa', description.max)} نویسه بنویسید.`,
      email: 'ایمیل: یک نشانی درست بنویسید، مثل sara@example.com.',
      category: 'دسته: یکی از دسته‌های فهرست را انتخاب کنید.',
      locale: 'زبان فرم شناخته نشد. صفحه‌ی تماس را دوباره باز کنید.',
    },
    unavailableTitle: 'درخواست الان ذخیره نشد',
    unavailableLead:
      'چیزی ثبت نشد. چند ثانیه بعد با دکمه‌ی «بازگشت» مرورگر به فرم برگردید و دوباره بفرستید؛ نوشته‌هایتان همان‌جاست. می‌توانید با ۱۵۷۰ هم تماس بگیرید.',
    tooLargeTitle: 'درخواست بیش از اندازه بلند است',
    tooLargeLead: `چیزی ثبت نشد. با دکمه‌ی «بازگشت» مرورگر به فرم برگردید و شرح مشکل را کوتاه‌تر کنید (تا ${digits('fa', description.max)} نویسه).`,
    tooManyTitle: 'درخواست‌های زیادی از این نشانی رسیده است',
    tooManyLead: 'چیزی ثبت نشد. {seconds} ثانیه صبر کنید، سپس با دکمه‌ی «بازگشت» مرورگر به فرم برگردید و دوباره بفرستید.',
    failedTitle: 'مشکلی پیش آمد',
    failedLead: 'درخواست ثبت نشد. با دکمه‌ی «بازگشت» مرورگر به فرم برگردید و دوباره بفرستید، یا با ۱۵۷۰ تماس بگیرید.',
    crossSiteTitle: 'این فرم از وب‌سایت دیگری فرستاده شد',
    crossSiteLead: 'چیزی ثبت نشد. درخواست پشتیبانی را فقط از صفحه‌ی تماس همین مرکز راهنما بفرستید.',
    contact: 'رفتن به صفحه‌ی تماس با پشتیبانی',
  },
  en: {
    dir: 'ltr',
    sentTitle: 'Your request was received',
    reference: 'Reference:',
    sentLead: 'Our support team will reply to {email} soon. Keep this reference to follow up.',
    home: 'Back to the help center',
    invalidTitle: 'Your request was not sent',
    invalidLead: "Please fix these. Your browser's Back button returns to the form with what you wrote still in it.",
    fields: {
      subject: `Subject: write ${subject.min} to ${subject.max} characters.`,
      description: `Description: write ${description.min} to ${digits('en', description.max)} characters.`,
      email: 'Email: write a valid address, like sara@example.com.',
      category: 'Topic: choose one from the list.',
      locale: 'The form\'s language was not recognised. Please open the contact page again.',
    },
    unavailableTitle: 'Your request could not be saved right now',
    unavailableLead:
      "Nothing was filed. In a few seconds, go back to the form with your browser's Back button and send it again; what you wrote is still there. You can also call 1570.",
    tooLargeTitle: 'Your request is too long',
    tooLargeLead: `Nothing was filed. Go back to the form with your browser's Back button and shorten the description (up to ${digits('en', description.max)} characters).`,
    tooManyTitle: 'Too many requests from this address',
    tooManyLead: "Nothing was filed. Wait {seconds} seconds, then go back to the form with your browser's Back button and send it again.",
    failedTitle: 'Something went wrong',
    failedLead: "Your request was not filed. Go back to the form with your browser's Back button and send it again, or call 1570.",
    crossSiteTitle: 'This form was sent from another website',
    crossSiteLead: "Nothing was filed. Please send your request from this help center's own contact page.",
    contact: 'Go to the contact page',
  },
};

/** The form's values as the JSON route takes them: "" for "no topic" becomes no category. */
export function formTicketInput(form: Record<string, string | File | (string | File)[]>): Record<string, string | null> {
  const value = (name: string) => {
    const raw = form[name];
    return typeof raw === 'string' ? raw : null;
  };
  const category = value('category');
  return { subject: value('subject'), description: value('description'), email: value('email'), locale: value('locale'), category: category ? category : null };
}

/** The language to answer in: the form's, else the page it was sent from (Referer: /fa/contact/), else the browser's. */
export function formLocale(sent: unknown, c: Context): Locale {
  if ((LOCALES as readonly unknown[]).includes(sent)) return sent as Locale;
  let from: string | undefined;
  try {
    from = new URL(c.req.header('Referer') ?? '').pathname.split('/')[1];
  } catch {
    /* no or bad Referer */
  }
  return (LOCALES as readonly unknown[]).includes(from) ? (from as Locale) : localeFromAcceptLanguage(c.req.header('Accept-Language'));
}

/** True for a browser's form post to the form route, whose refusals should be pages rather than JSON. */
export function isFormPost(c: Context, path: string): boolean {
  return c.req.method === 'POST' && c.req.path === path && (c.req.header('Content-Type') ?? '').startsWith('application/x-www-form-urlencoded');
}

/**
 * Refuses a browser's post of the form from another site (`middleware/cross-site.ts`), unless its Origin is one of
 * RAHNAMA_ALLOWED_ORIGINS ("*" does not count: it opens the widget to every site, not the form). A refused form post
 * gets a page in the form's language; anything else the API's JSON 403.
 */
export function sameSiteFormsOnly(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = listedOrigins(allowedOrigins, { anyCounts: false });
  return async function sameSiteFormsOnlyMiddleware(c, next) {
    if (crossSiteRefused(c, allowed)) {
      const error = new ApiError(403);
      // Answered here, in the form's language: the ticket sub-app renders the API's errors as JSON itself.
      const form = isFormPost(c, c.req.path) ? await c.req.parseBody().catch(() => null) : null;
      const refused = form ? refusalPage(c, error, form.locale) : null;
      if (!refused) throw error;
      return refused;
    }
    await next();
  };
}

/**
 * The API's own refusals of a form post, as a page: another site's post (403), the body limit (413), the rate limit
 * (429, with its Retry-After) and a server error; anything else keeps the API's JSON (null). Records the error's code
 * for the request's log line when it answers with a page.
 */
export function refusalPage(c: Context, error: ApiError, sentLocale?: unknown): Response | null {
  const locale = formLocale(sentLocale, c);
  const s = STRINGS[locale];
  const [title, lead] =
    error.status === 403
      ? [s.crossSiteTitle, s.crossSiteLead]
      : error.status === 413
        ? [s.tooLargeTitle, s.tooLargeLead]
        : error.status === 429
          ? [s.tooManyTitle, s.tooManyLead.replace('{seconds}', digits(locale, Number(error.headers['Retry-After'] ?? 60)))]
          : error.status === 500
            ? [s.failedTitle, s.failedLead]
            : [null, null];
  if (title === null) return null;
  const link = error.status === 403 ? `<a href="/${locale}/contact/">${escapeHtml(s.contact)}</a>` : `<a href="/${locale}/">${escapeHtml(s.home)}</a>`;
  const body = page(locale, title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(lead!)}</p>\n<p>${link}</p>`);
  error.record(c);
  return c.html(body, error.status as 403 | 413 | 429 | 500, { ...FORM_PAGE_HEADERS, ...error.headers });
}

/** The fields a validation error names, in the form's order. */
export function invalidFields(error: ZodError): Field[] {
  const named = new Set(error.issues.map((issue) => String(issue.path[0] ?? '')));
  return (['subject', 'description', 'email', 'category', 'locale'] as const).filter((field) => named.has(field));
}

type FormTicket = { subject: string; description: string; email: string; locale: string; category: string | null };

/**
 * The idempotency keys of a form: the same text, address and language give the same key within one clock hour.
 * `current` files the ticket; `previous` (the hour before) finds one filed just before the hour turned, which the
 * route answers with while it is under SAME_FORM_WINDOW_MS old, so a double click at 10:59:59 files one ticket.
 */
export async function formIdempotencyKeys(input: FormTicket, now: number): Promise<{ current: string; previous: string }> {
  const window = Math.floor(now / SAME_FORM_WINDOW_MS);
  const [current, previous] = await Promise.all([window, window - 1].map((hour) => formKey(input, hour)));
  return { current: current!, previous: previous! };
}

async function formKey(input: FormTicket, hour: number): Promise<string> {
  const text = [input.locale, input.email.toLowerCase(), input.subject, input.description, input.category ?? '', hour].join('\u0000');
  return `form:${toHex((await sha256(text)).subarray(0, 20))}`;
}

function page(locale: Locale, title: string, body: string): string {
  const { dir } = STRINGS[locale];
  return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
:root { color-scheme: light dark; font-family: ${locale === 'fa' ? "'Vazirmatn Variable', Vazirmatn, Tahoma, " : ''}system-ui, sans-serif; line-height: 1.7; }
body { margin: 0; padding: 2rem 1rem; background: light-dark(#f3f5f8, #0f1419); color: light-dark(#1a1f26, #e6ebf1); }
main { max-inline-size: 36rem; margin-inline: auto; padding: 1.5rem 2rem; border: 1px solid light-dark(#d3dae2, #2e3a47); border-radius: 0.6rem; background: light-dark(#ffffff, #161d26); }
h1 { margin-block: 0 1rem; font-size: 1.5rem; }
.reference { font-size: 1.25rem; }
.reference strong { font-family: ui-monospace, monospace; letter-spacing: 0.05em; }
a { color: light-dark(#0a57a4, #7cbcff); }
ul { padding-inline-start: 1.25rem; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The page that confirms a filed ticket, with its reference. */
export function sentPage(locale: Locale, reference: string, email: string): string {
  const s = STRINGS[locale];
  return page(
    locale,
    s.sentTitle,
    `<h1>${escapeHtml(s.sentTitle)}</h1>
<p class="reference">${escapeHtml(s.reference)} <strong dir="ltr">${escapeHtml(reference)}</strong></p>
<p>${escapeHtml(s.sentLead).replace('{email}', `<bdi dir="ltr">${escapeHtml(email)}</bdi>`)}</p>
<p><a href="/${locale}/">${escapeHtml(s.home)}</a></p>`,
  );
}

/** The page that names the fields to fix. */
export function invalidPage(locale: Locale, fields: readonly Field[]): string {
  const s = STRINGS[locale];
  const items = (fields.length > 0 ? fields : (['description'] as const)).map((field) => `<li>${escapeHtml(s.fields[field])}</li>`).join('\n');
  return page(locale, s.invalidTitle, `<h1>${escapeHtml(s.invalidTitle)}</h1>\n<p>${escapeHtml(s.invalidLead)}</p>\n<ul>\n${items}\n</ul>`);
}

/** The page for a ticket the database could not take. */
export function unavailablePage(locale: Locale): string {
  const s = STRINGS[locale];
  return page(locale, s.unavailableTitle, `<h1>${escapeHtml(s.unavailableTitle)}</h1>\n<p>${escapeHtml(s.unavailableLead)}</p>\n<p><a href="/${locale}/">${escapeHtml(s.home)}</a></p>`);
}
