// `npm run serve -- --port N --data-dir DIR --open DIR`: builds quietly with electron-vite,
// then runs the loopback browser host with plain Node, passing on every argument.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectDir, 'package.json'));

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: projectDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (build.status !== 0) {
  // Quiet on success; everything on failure.
  process.stderr.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  console.error('Marginalia: the build failed; see the messages above.');
  process.exit(build.status ?? 1);
}

const server = join(projectDir, 'out', 'main', 'server.js');
const child = spawn(process.execPath, [server, ...process.argv.slice(2)], { stdio: 'inherit' });
// The host saves and exits on SIGINT/SIGTERM; it ignores a repeated signal, so forwarding is safe
// even when the terminal has already sent Ctrl+C to the whole process group.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`Marginalia: could not run the browser host: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
