import { defineConfig } from 'vitest/config';

// Real-browser tests (Debian chromium through playwright-core) against the built site served on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
