import { defineConfig } from 'vitest/config';

// Files share one database per worker (isolate: false keeps the module-level instance alive across
// files); each test builds its own rows, so nothing is truncated and files run in parallel.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/verify-trace-after.ts'],
  },
});
