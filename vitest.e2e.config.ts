// End-to-end tests: the built site (dist/site, served from a sub-path by scripts/serve.mjs
// in the global setup) in headless Debian Chromium driven by playwright-core. Files run
// one after another: the machine has two cores and the tests measure training progress.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
