import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Removes each file's temporary folders when it ends (see test/helpers/temp.ts).
    setupFiles: ['test/setup-temp.ts'],
    // Simulation tests run whole scenarios; give them room on a 2-core machine.
    testTimeout: 60_000,
    pool: 'forks',
    // One module registry per worker, not per file: importing the model, zod and the reports again
    // for each of ~80 files cost about a third of the suite's time. Tests share no mutable module
    // state (each builds its own Simulation, temp folders and Io), and the hostile-input tests check
    // that nothing reaches Object.prototype, so sharing the registry is safe.
    isolate: false,
  },
});
