// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import rahnamaContent from './site/integrations/rahnama-content.ts';
import rahnamaWidget from './site/widget/integration.ts';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  site: process.env.RAHNAMA_SITE_URL ?? 'http://localhost:4321',
  integrations: [
    rahnamaContent(),
    // After rahnamaContent: it wraps the search indexes that one writes (/widget.js, /widget-index/<locale>.js).
    rahnamaWidget(),
    mdx(),
    react(),
    sitemap({
      // hreflang alternates: /fa/x/ and /en/x/ are the same page (slugs are shared across locales).
      i18n: { defaultLocale: 'fa', locales: { fa: 'fa-IR', en: 'en-US' } },
      // `/` only redirects to /fa/; transcripts (.vtt) are not pages; search result and insights pages are noindex.
      filter: (page) => {
        const path = new URL(page).pathname;
        return path !== '/' && !path.endsWith('.vtt') && !/^\/(?:fa|en)\/(?:search|insights)\/$/.test(path);
      },
    }),
  ],
});
