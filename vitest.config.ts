import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // tests/ holds the process-level proofs (crash kills, store corruption, host probes).
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'tests/**/*.test.ts', 'renderer/**/*.test.ts'],
    environment: 'node',
    // The process-level tests run the built host; build it first when it is missing or stale.
    globalSetup: ['tests/support/ensure-build.ts'],
    // 3 SIGKILL points here; `npm run test:crash` runs 10.
    env: { MARGINALIA_CRASH_KILL_POINTS: process.env.MARGINALIA_CRASH_KILL_POINTS ?? '3' },
    // Real files in temp dirs, a 1,000-file corpus and a python3 subprocess: allow time on slow disks.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
