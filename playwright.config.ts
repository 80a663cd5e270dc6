import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './e2e/support/browser';

/** Debian's Chromium, as every browser spec runs it (the screenshots config uses it too). */
export const CHROMIUM = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: chromiumExecutable(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

// e2e/screenshots/ is not matched here: only `npm run screenshots`
// (playwright.screenshots.config.ts) runs it and writes assets/screenshot*.png.
export default defineConfig({
  testDir: './e2e',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testMatch: /browser\/.*\.spec\.ts/,
      use: CHROMIUM,
    },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
    // Assertions on the output of `electron-vite build`; no browser is launched.
    { name: 'build-output', testMatch: /build\/.*\.spec\.ts/ },
  ],
});
