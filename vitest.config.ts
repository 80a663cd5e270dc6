import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts'],
    environment: 'node',
    // Real files in temp dirs, a 1,000-file corpus and a python3 subprocess: allow time on slow disks.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
