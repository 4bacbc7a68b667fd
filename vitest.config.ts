import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Simulation tests run whole scenarios; give them room on a 2-core machine.
    testTimeout: 60_000,
    pool: 'forks',
  },
});
