// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';

export default defineConfig({
  srcDir: './site',
  site: process.env.RAHNAMA_SITE_URL ?? 'http://localhost:4321',
  integrations: [mdx(), react(), sitemap()],
});
