// Vitest global setup for the process-level tests: they run the built browser host
// (out/main/server.js). `npm test` runs unit tests before `npm run build`, so build here when
// the output is missing or older than the sources it is made from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SERVER_ENTRY } from './host-process';

const SOURCES = ['main', 'shared', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.(ts|tsx|json)$/.test(entry.name)) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export default function ensureServerBuild(): void {
  if (process.env.MARGINALIA_SERVER_ENTRY) return; // testing another build on purpose
  const sourcesChanged = Math.max(...SOURCES.map((s) => newestMtime(join(REPO_ROOT, s))));
  if (existsSync(SERVER_ENTRY) && statSync(SERVER_ENTRY).mtimeMs >= sourcesChanged) return;
  console.log('[tests] building the browser host (out/main/server.js is missing or older than its sources)…');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`electron-vite build failed (${build.status}): ${build.stderr}`);
}
