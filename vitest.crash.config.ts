// `npm run test:crash`: the full crash-safety run, 10 SIGKILL points against the built host.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/crash/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/ensure-build.ts'],
    env: { MARGINALIA_CRASH_KILL_POINTS: process.env.MARGINALIA_CRASH_KILL_POINTS ?? '10' },
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
