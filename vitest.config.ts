import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // .ci/run collects counts from the JSON report of each pass.
    reporters: process.env.ILTEO_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.ILTEO_TEST_REPORT ? { json: process.env.ILTEO_TEST_REPORT } : undefined,
  },
});
