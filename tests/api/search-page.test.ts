import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { QUERY_INPUT_HOOK, RESULTS_MARKER, renderSearchPage } from '../../api/search-page.ts';
import { SEARCH_STRINGS } from '../../site/islands/search-strings.ts';
import { fakeProvider } from './fake-index.ts';

const page = (locale: 'fa' | 'en') =>
  `<html><form><input name="q" ${QUERY_INPUT_HOOK}></form><div id="search-results">${RESULTS_MARKER}</div><script type="application/json" id="rahnama-search-strings">${JSON.stringify(
    SEARCH_STRINGS[locale],
  )}</script></html>`;
const render = (path: string, query: string | undefined, html = page(path.startsWith('/en') ? 'en' : 'fa'), indexes = fakeProvider()) =>
  renderSearchPage(indexes, path, html, new URL(`http://localhost${path}${query === undefined ? '' : `?q=${encodeURIComponent(query)}`}`));

describe('renderSearchPage', () => {
  test('fills the input and the results, grouped, in the page locale', () => {
    const html = render('/en/search/', 'modem light red')!;
    expect(html).toContain('value="modem light red" data-rahnama-query');
    expect(html).toContain('<p class="search-results__summary" role="status">1 result for “modem light red”</p>');
    expect(html).toContain('<h2>Articles</h2>');
    expect(html).toContain('<a class="search-result__title" href="/en/articles/modem-red-light/">Modem light is red</a>');
    expect(html).not.toContain(RESULTS_MARKER);
  });

  test('Persian counts use Persian digits', () => {
    expect(render('/fa/search/', 'چراغ مودم')).toContain('۱ نتیجه برای «چراغ مودم»');
  });

  test('says so when nothing matches', () => {
    expect(render('/en/search/', 'zebra')).toContain('Nothing found for “zebra”.');
  });

  test('escapes the query everywhere it appears', () => {
    const html = render('/en/search/', '"><script>alert(1)</script> $& $1')!;
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; $&amp; $1" data-rahnama-query');
  });

  test('removes control and bidi characters from the query', () => {
    expect(render('/en/search/', 'zebra\u202e\u0000x')).toContain('value="zebra x" data-rahnama-query');
  });

  test('leaves other pages, empty queries and pages without the hooks alone', () => {
    expect(render('/en/articles/x/', 'modem')).toBeUndefined();
    expect(render('/en/search/', undefined)).toBeUndefined();
    expect(render('/en/search/', '   ')).toBeUndefined();
    expect(render('/en/search/', 'modem', '<html>no hooks</html>')).toBeUndefined();
  });

  test('an index that is not loaded gives a notice, not an error', () => {
    const indexes = fakeProvider();
    indexes.set('en', undefined);
    expect(render('/en/search/', 'modem', page('en'), indexes)).toContain(SEARCH_STRINGS.en.retryLater);
  });

  test('the site\'s search page carries the exact hooks the server fills', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../site/pages/[locale]/search.astro'), 'utf8');
    expect(source).toContain(QUERY_INPUT_HOOK);
    expect(source).toContain(`set:html="${RESULTS_MARKER}"`);
    expect(source).toContain('<script type="application/json" id="rahnama-search-strings"');
  });
});
