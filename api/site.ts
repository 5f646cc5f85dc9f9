/**
 * Node-only: serves the built static site (dist/) next to the API, for the embedded `npm start` deployment.
 * Content types (WebVTT included), byte ranges for video seeking, directory index pages, the built 404 page,
 * conditional GET by Last-Modified, and caching: hashed /_astro/ assets forever, pages revalidated.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LOCALE } from '../search-index/core/schemas.ts';
import { localeHome } from '../search-index/core/urls.ts';
import { ApiError } from './errors.ts';

/** Content types Hono's table lacks or gets too generic, by extension. */
export const EXTRA_CONTENT_TYPES: Readonly<Record<string, string>> = {
  vtt: 'text/vtt; charset=utf-8',
  webmanifest: 'application/manifest+json',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

export const CACHE_CONTROL = {
  /** Astro puts a content hash in every /_astro/ file name, so they never change. */
  immutable: 'public, max-age=31536000, immutable',
  /** Pages and the search index change with each build: caches must revalidate (cheap with Last-Modified). */
  revalidate: 'no-cache',
  /** Media and other public files: an hour, then revalidate. */
  media: 'public, max-age=3600',
} as const;

/** Headers for the site's pages; the site sets its own policies for scripts (islands, JSON-LD) in its HTML. */
export const SITE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

export interface SiteOptions {
  /** The built site, usually dist/. */
  root: string;
  /**
   * Optional rendering of a page before it is sent (the server uses it to fill the search page for ?q=).
   * Returns undefined to send the file as built.
   */
  renderPage?: (path: string, html: string, url: URL) => string | undefined;
  /**
   * A rate limit (api/middleware/rate-limit.ts) for requests with a query that renderPage may search for: the
   * results page costs a search, like the API, so it shares the API's per-address budget rules.
   */
  renderRateLimit?: MiddlewareHandler;
}

function cacheControlFor(path: string): string {
  if (path.startsWith('/_astro/')) return CACHE_CONTROL.immutable;
  if (path.endsWith('/') || path.endsWith('.html') || path.startsWith('/search/')) return CACHE_CONTROL.revalidate;
  return CACHE_CONTROL.media;
}

/** Answers 304 when the file has not changed since If-Modified-Since (HTTP dates have whole seconds). */
function notModified(root: string): MiddlewareHandler {
  return async (c, next) => {
    const since = c.req.header('If-Modified-Since');
    if (since && !c.req.header('Range') && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      const file = fileFor(root, c.req.path);
      if (file) {
        const modified = Math.floor(statSync(file).mtimeMs / 1000) * 1000;
        if (Date.parse(since) >= modified) {
          return c.body(null, 304, { 'Last-Modified': new Date(modified).toUTCString(), 'Cache-Control': cacheControlFor(c.req.path) });
        }
      }
    }
    return next();
  };
}

/** The file a URL path maps to (a directory maps to its index.html), or undefined. Never leaves root. */
function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (/(?:^|[/\\])\.\.?(?:[/\\]|$)|\\|\0/.test(decoded)) return undefined;
  const path = join(root, decoded);
  try {
    const info = statSync(path);
    if (info.isFile()) return path;
    if (info.isDirectory() && existsSync(join(path, 'index.html'))) return join(path, 'index.html');
  } catch {
    return undefined;
  }
  return undefined;
}

/** The static site as a Hono app. */
export function createSite(options: SiteOptions) {
  const { root } = options;
  const notFoundFile = join(root, '404.html');

  return new Hono()
    .use(async (c, next) => {
      await next();
      for (const [name, value] of Object.entries(SITE_SECURITY_HEADERS)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    })
    .use(compress())
    .get('/', (c) => c.redirect(localeHome(DEFAULT_LOCALE) + (new URL(c.req.url).search || ''), 302))
    .use(async (c, next) => {
      // A directory asked for without its slash: redirect, so relative links and the canonical URL agree.
      const path = c.req.path;
      if (!path.endsWith('/') && !/\.[a-z0-9]+$/i.test(path)) {
        const file = fileFor(root, path);
        if (file?.endsWith('index.html') && !path.endsWith('index.html')) {
          return c.redirect(`${path}/${new URL(c.req.url).search}`, 301);
        }
      }
      return next();
    })
    .use(notModified(root))
    .use(async (c, next) => {
      if (!options.renderPage || c.req.method !== 'GET') return next();
      const file = fileFor(root, c.req.path);
      if (!file?.endsWith('.html')) return next();
      if (options.renderRateLimit && c.req.query('q')) {
        try {
          await options.renderRateLimit(c, async () => undefined);
        } catch (error) {
          if (!(error instanceof ApiError) || error.status !== 429) throw error;
          return c.text(error.message, 429, { ...error.headers, 'Cache-Control': 'no-store' });
        }
      }
      const rendered = options.renderPage(c.req.path, readFileSync(file, 'utf8'), new URL(c.req.url));
      if (rendered === undefined) return next();
      return c.html(rendered, 200, { 'Cache-Control': 'no-store' });
    })
    .use(async (c, next) => {
      await next();
      // Set here, after serveStatic built the response: its onFound hook runs too late to change headers.
      if (![200, 206, 416].includes(c.res.status)) return;
      const extension = /\.([a-z0-9]+)$/i.exec(c.req.path.endsWith('/') ? 'index.html' : c.req.path)?.[1]?.toLowerCase();
      const type = extension ? EXTRA_CONTENT_TYPES[extension] : undefined;
      if (type) c.res.headers.set('Content-Type', type);
      c.res.headers.set('Accept-Ranges', 'bytes');
      c.res.headers.set('Cache-Control', cacheControlFor(c.req.path));
    })
    .use(serveStatic({ root }))
    .all('*', (c) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.text('Method Not Allowed', 405, { Allow: 'GET, HEAD' });
      if (existsSync(notFoundFile)) return c.html(readFileSync(notFoundFile, 'utf8'), 404, { 'Cache-Control': 'no-cache' });
      return c.text('Not Found', 404);
    });
}
