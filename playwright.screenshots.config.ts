// `npm run screenshots`: the specs in e2e/screenshots/, and nothing else, drive the real UI and
// write the README's pictures to assets/. The normal end-to-end run never writes there.
import { defineConfig } from '@playwright/test';
import base, { CHROMIUM } from './playwright.config';

export default defineConfig({
  ...base,
  // Screenshots are compared by eye in review; one at a time keeps timing out of the picture.
  workers: 1,
  outputDir: 'test-results/screenshots',
  projects: [{ name: 'screenshots', testMatch: /screenshots\/.*\.spec\.ts/, use: CHROMIUM }],
});
