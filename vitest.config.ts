import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser and database tests share two cores; parallel files fight for them.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
