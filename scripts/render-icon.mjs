// Renders assets/icon.svg to the 512x512 assets/icon.png used by electron-builder, with a
// headless Chromium screenshot (transparent background). Run by hand after editing the SVG:
//   node scripts/render-icon.mjs [path/to/chromium]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const chromium = process.argv[2] ?? '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'marginalia-icon-'));
const shot = join(work, 'icon.png');
const result = spawnSync(
  chromium,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--hide-scrollbars',
    '--default-background-color=00000000',
    '--window-size=512,512',
    `--user-data-dir=${join(work, 'profile')}`,
    `--screenshot=${shot}`,
    pathToFileURL(join(assets, 'icon.svg')).href,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 },
);
if (result.status !== 0) {
  console.error(`render-icon: ${chromium} failed (${result.error?.message ?? `exit ${result.status}`})`);
  process.exit(1);
}
renameSync(shot, join(assets, 'icon.png'));
rmSync(work, { recursive: true, force: true });
console.log('render-icon: wrote assets/icon.png');
