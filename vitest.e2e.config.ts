// End-to-end tests: the built site (dist/site, served from a sub-path by scripts/serve.mjs
// in the global setup) in headless Debian Chromium driven by playwright-core, every page's
// CPU throttled 4x (tests/e2e/helpers.ts). Files run one after another: the machine has two
// cores. Every wait is for a condition (expect.poll included), with generous timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 60_000, interval: 100 } },
  },
});
