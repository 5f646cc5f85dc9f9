/**
 * A tiny in-memory index provider for the API's plumbing tests (errors, limits, CORS, caching). It is a test
 * double with a naive word match; relevance is tested against the real core in suggest-real.test.ts.
 */
import type { IndexProvider, LocaleIndex } from '../../api/index-provider.ts';
import type { Locale } from '../../search-index/core/schemas.ts';
import type { Suggestion } from '../../search-index/core/types.ts';

interface FakeDoc {
  slug: string;
  title: string;
  text: string;
}

const STOPWORDS = new Set(['the', 'a', 'is', 'my', 'and', 'و', 'از', 'به', 'که']);
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}\u200c]+/u).filter((w) => w && !STOPWORDS.has(w));

export const FAKE_DOCS: Record<Locale, FakeDoc[]> = {
  fa: [
    { slug: 'modem-red-light', title: 'چراغ اینترنت مودم قرمز است', text: 'اگر چراغ مودم قرمز شد کابل را بررسی کنید' },
    { slug: 'reset-password', title: 'بازیابی رمز عبور', text: 'رمز عبور را فراموش کرده‌اید' },
  ],
  en: [
    { slug: 'modem-red-light', title: 'Modem light is red', text: 'If the modem light is red, check the cable' },
    { slug: 'reset-password', title: 'Reset a forgotten password', text: 'Forgot your password? Reset it' },
    { slug: 'slow-internet', title: 'Internet is slow', text: 'Test your speed <b>first</b>' },
  ],
};

export function fakeLocaleIndex(locale: Locale, docs: FakeDoc[], version = 'v1', calls?: string[]): LocaleIndex {
  return {
    version,
    stats: { locale, articles: docs.length, videos: 0, builtAt: '2026-11-22T10:00:00.000Z' },
    suggest(text, { limit }): Suggestion[] {
      calls?.push(text);
      const query = new Set(words(text));
      return docs
        .map((doc) => ({ doc, score: words(`${doc.title} ${doc.text}`).filter((w) => query.has(w)).length }))
        .filter(({ score }) => score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit)
        .map(({ doc, score }) => ({
          id: `${locale}/${doc.slug}`,
          kind: 'article',
          title: doc.title,
          url: `/${locale}/articles/${doc.slug}/`,
          snippet: escapeHtml(doc.text)
            .split(' ')
            .map((w) => (query.has(w.toLowerCase()) ? `<mark>${w}</mark>` : w))
            .join(' '),
          category: 'internet',
          score,
        }));
    },
  };
}

/** A provider over FAKE_DOCS whose indexes can be swapped or removed by the test. */
export function fakeProvider(calls?: string[]) {
  const current = new Map<Locale, LocaleIndex>([
    ['fa', fakeLocaleIndex('fa', FAKE_DOCS.fa, 'v1', calls)],
    ['en', fakeLocaleIndex('en', FAKE_DOCS.en, 'v1', calls)],
  ]);
  const provider: IndexProvider & { set(locale: Locale, index: LocaleIndex | undefined): void } = {
    get: (locale) => current.get(locale),
    set: (locale, index) => (index ? current.set(locale, index) : current.delete(locale)),
  };
  return provider;
}
