import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: process.env.VITEST_PERF ? ['src/**/*.perf.test.ts'] : ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // throughput printouts are benchmarks, not tests: `npm run bench:parsers` runs them
    exclude: process.env.VITEST_PERF ? [] : ['**/*.perf.test.ts', '**/node_modules/**'],
    pool: 'forks',
    // two cores: two workers; PostgreSQL tests each use their own schema
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
