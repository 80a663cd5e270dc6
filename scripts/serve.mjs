// `npm run serve -- --port N --data-dir DIR --open DIR`: builds quietly with electron-vite,
// then runs the loopback browser host with plain Node, passing on every argument.
// MARGINALIA_SKIP_BUILD=1 runs the existing build as it is (tests that have just built it).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectDir, 'package.json'));
// The host gives up on its own after 3 s (5 s if it is mid-save); this is the backstop for a
// host too wedged even for that.
const KILL_AFTER_MS = 6_000;

if (process.env.MARGINALIA_SKIP_BUILD !== '1') {
  const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: projectDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (build.status !== 0) {
    // Quiet on success; everything on failure.
    process.stderr.write(build.stdout ?? '');
    process.stderr.write(build.stderr ?? '');
    console.error('Marginalia: the build failed; see the messages above.');
    process.exit(build.status ?? 1);
  }
}

const server = join(projectDir, 'out', 'main', 'server.js');
// The IPC channel is how the host notices that this script died (even by SIGKILL, which no
// handler here can see): the channel closes and the host shuts itself down.
const child = spawn(process.execPath, [server, ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
const childRunning = () => child.exitCode === null && child.signalCode === null;

// The host saves and exits on SIGINT/SIGTERM/SIGHUP; it ignores a repeated signal, so forwarding
// is safe even when the terminal has already sent Ctrl+C to the whole process group.
let killTimer = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!childRunning()) return;
    child.kill(signal);
    killTimer ??= setTimeout(() => {
      if (!childRunning()) return;
      console.error(`Marginalia: the browser host (pid ${child.pid}) did not stop within ${KILL_AFTER_MS / 1000} s of ${signal}; killing it`);
      child.kill('SIGKILL');
    }, KILL_AFTER_MS);
  });
}
// Any other way out of this script (an uncaught error, process.exit) must not orphan the host:
// SIGTERM lets it save, and its own deadline bounds that.
process.on('exit', () => {
  if (childRunning()) child.kill('SIGTERM');
});
child.on('error', (error) => {
  console.error(`Marginalia: could not run the browser host: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
