import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // End-to-end tests run real processes; a loaded 2-core machine (CI beside other work) needs the margin.
    testTimeout: 90_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
