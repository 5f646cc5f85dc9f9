/** `npm start` rebuilds only when the build is missing or older than its sources (scripts/start.mjs). */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { staleReason } from '../../scripts/start.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project with sources dated `sourceTime` and, optionally, a build dated `buildTime` (seconds since the epoch). */
function project(sourceTime: number, buildTime?: number, stamp = false) {
  const root = mkdtempSync(join(tmpdir(), 'rahnama-start-'));
  roots.push(root);
  const files = ['content/articles/fa/internet/modem-red-light.mdx', 'site/pages/index.astro', 'search-index/core/index.ts', 'astro.config.mjs'];
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), 'x');
    utimesSync(join(root, file), sourceTime, sourceTime);
  }
  if (buildTime !== undefined) {
    const built = join(root, 'dist', stamp ? '.rahnama-build' : 'fa/index.html');
    mkdirSync(dirname(built), { recursive: true });
    writeFileSync(built, 'x');
    utimesSync(built, buildTime, buildTime);
  }
  return { root, dist: join(root, 'dist'), touch: (file: string, time: number) => utimesSync(join(root, file), time, time) };
}

describe('staleReason', () => {
  test('a missing build is stale', () => {
    const { root, dist } = project(1000);
    expect(staleReason(root, dist)).toBe('no build in dist/');
  });

  test('a build newer than every source is up to date', () => {
    const { root, dist } = project(1000, 2000);
    expect(staleReason(root, dist)).toBeUndefined();
  });

  test.each([
    ['content/articles/fa/internet/modem-red-light.mdx', 'content changed since the last build'],
    ['site/pages/index.astro', 'site changed since the last build'],
    ['search-index/core/index.ts', 'search-index changed since the last build'],
    ['astro.config.mjs', 'astro.config.mjs changed since the last build'],
  ])('a newer %s makes it stale', (file, reason) => {
    const { root, dist, touch } = project(1000, 2000);
    touch(file, 3000);
    expect(staleReason(root, dist)).toBe(reason);
  });

  test('the stamp (the time the last build started) wins over the built page', () => {
    const { root, dist, touch } = project(1000, 2000, true);
    mkdirSync(join(dist, 'fa'), { recursive: true });
    writeFileSync(join(dist, 'fa/index.html'), 'x');
    utimesSync(join(dist, 'fa/index.html'), 4000, 4000);
    touch('site/pages/index.astro', 3000);
    expect(staleReason(root, dist)).toBe('site changed since the last build');
  });
});
