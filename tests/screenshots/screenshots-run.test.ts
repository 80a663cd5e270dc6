// `npm test` leaves the tree clean: the README's screenshots (assets/screenshot*.png) are written
// only by `npm run screenshots`. The end-to-end run lists no spec of e2e/screenshots/, the
// screenshots run lists only those, and no other spec names a file under assets/.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PLAYWRIGHT = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

/** Spec files a Playwright config would run, relative to e2e/. */
function listedSpecs(configArgs: string[]): string[] {
  const run = spawnSync(process.execPath, [PLAYWRIGHT, 'test', ...configArgs, '--list', '--reporter=json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.status, run.stderr).toBe(0);
  // Specs may print a line when loaded (the Electron one says why it skips): the report follows.
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('\n{') + 1)) as { suites: { file: string }[] };
  return [...new Set(report.suites.map((s) => s.file))].sort();
}

function specFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('screenshots', () => {
  it('the end-to-end run (npm test) runs no screenshot spec; npm run screenshots runs exactly those', () => {
    const normal = listedSpecs([]);
    expect(normal.length).toBeGreaterThan(5);
    expect(normal.filter((f) => f.startsWith('screenshots/'))).toEqual([]);
    const shots = listedSpecs(['-c', 'playwright.screenshots.config.ts']);
    const expected = readdirSync(join(ROOT, 'e2e', 'screenshots'))
      .filter((f) => f.endsWith('.spec.ts'))
      .map((f) => `screenshots/${f}`)
      .sort();
    expect(shots).toEqual(expected);
    expect(shots).toEqual(expect.arrayContaining(['screenshots/readme.spec.ts', 'screenshots/review.spec.ts']));
  });

  it('only e2e/screenshots/ writes into assets/', () => {
    const writers = specFiles(join(ROOT, 'e2e'))
      .filter((file) => !relative(join(ROOT, 'e2e'), file).startsWith('screenshots'))
      .filter((file) => /assets\/screenshot|ASSETS_DIR|from '\.\.\/screenshots\/shot'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(writers).toEqual([]);
  });
});
