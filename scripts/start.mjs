/**
 * `npm start`: builds the site when dist/ is missing or older than its sources, then serves the site and the API
 * from this one Node process (api/server.ts). `npm start -- --api-only` (or `npm run start:api`) skips the build and
 * the site.
 *
 * Stale means: some file under content/, site/, search-index/ or astro.config.mjs is newer than the stamp the last
 * build left (dist/.rahnama-build, written here after a successful build and dated when that build started; without
 * it, a build run with `npm run build` is dated by its dist/fa/index.html).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, process.env.RAHNAMA_SITE_DIR || 'dist');
/** Written into dist/ after a successful build by this script. */
const STAMP_FILE = '.rahnama-build';
/** A page every build writes; its time stands in for the stamp after a plain `npm run build`. */
const BUILT_PAGE = join('fa', 'index.html');
const SOURCES = ['content', 'site', 'search-index', 'astro.config.mjs'];
const IGNORED = new Set(['node_modules', '.astro', '.git']);

/** Newest modification time (ms) of a file or of any file below a folder. */
function newestMtime(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (IGNORED.has(entry.name)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why a build is needed, or undefined when the build in `dist` is up to date. */
export function staleReason(root = ROOT, dist = DIST) {
  const timeOf = (file) => (existsSync(join(dist, file)) ? statSync(join(dist, file)).mtimeMs : 0);
  // The stamp carries the time the build started, so an edit made while it ran still counts as newer.
  const builtAt = timeOf(STAMP_FILE) || timeOf(BUILT_PAGE);
  if (builtAt === 0) return 'no build in dist/';
  for (const source of SOURCES) {
    if (newestMtime(join(root, source)) > builtAt) return `${source} changed since the last build`;
  }
  return undefined;
}

function build(reason) {
  const started = new Date();
  process.stdout.write(`rahnama: building the site (${reason})\n`);
  // The project's own astro, run by this same Node (npm puts the pinned Node 24 first on PATH).
  const astro = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build', '--outDir', DIST], { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    process.stderr.write('rahnama: the build failed; fix the errors above and run npm start again\n');
    process.exit(result.status ?? 1);
  }
  const stamp = join(DIST, STAMP_FILE);
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (!args.includes('--api-only')) {
    const reason = staleReason();
    if (reason) build(reason);
  }
  const { main } = await import('../api/server.ts');
  await main(args);
}
