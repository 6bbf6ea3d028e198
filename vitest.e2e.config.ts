import { defineConfig } from 'vitest/config';

/** Browser tests: playwright-core driving Debian's chromium against the real app on a random port. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    reporters: process.env.ILTEO_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.ILTEO_TEST_REPORT ? { json: process.env.ILTEO_TEST_REPORT } : undefined,
  },
});
