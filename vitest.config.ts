// Vitest runs the library's tests in Node against the real wasm modules (both builds).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/web/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/web/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
