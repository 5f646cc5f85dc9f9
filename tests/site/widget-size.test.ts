/**
 * The widget's budget: /widget.js, as the build writes it, at most 15 KB gzipped. The fallback script is loaded
 * only when the API cannot answer and is not counted, but it must keep only our locales' stopword lists.
 */
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, test } from 'vitest';
import { bundleWidget, indexScript, WIDGET_BUDGET_BYTES, type WidgetBundle } from '../../site/widget/build.ts';

let bundle: WidgetBundle;

beforeAll(async () => {
  bundle = await bundleWidget();
});

test('widget.js is at most 15 KB gzipped', () => {
  const gzipped = gzipSync(bundle.widget, { level: 9 }).length;
  console.log(`widget.js: ${bundle.widget.length} bytes, ${gzipped} bytes gzipped (budget ${WIDGET_BUDGET_BYTES})`);
  expect(WIDGET_BUDGET_BYTES).toBe(15 * 1024);
  expect(gzipped).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
});

test('widget.js is framework-free and defines the custom element', () => {
  expect(bundle.widget.includes('customElements.define("rahnama-suggest"')).toBe(true);
  expect(bundle.widget.includes('attachShadow')).toBe(true);
  expect(/react/i.test(bundle.widget)).toBe(false);
});

test('the fallback carries the search core with only the Persian and English stopwords', () => {
  // Checked with includes(): a failing toContain would print the whole bundle. "aber" is a German stopword,
  // "whereupon" an English one.
  expect(bundle.fallback.includes('rahnamaFallback')).toBe(true);
  expect(bundle.fallback.includes('"aber"')).toBe(false);
  expect(bundle.fallback.includes('"whereupon"')).toBe(true);
});

test('an index script hands the index to the fallback\'s callback', () => {
  const calls: unknown[][] = [];
  const window = { rahnamaWidgetIndex: (...args: unknown[]) => calls.push(args) };
  new Function('window', indexScript('fa', '{"format":"x"}'))(window);
  expect(calls).toEqual([['fa', { format: 'x' }]]);
  expect(() => new Function('window', indexScript('en', '{}'))({})).not.toThrow();
});
