// `npm start`: makes sure the Electron binary is installed (running Electron's own installer
// once when it is missing), builds with electron-vite, then runs the desktop app. Where the
// binary cannot be installed, says why in one line and points to the browser host. The decision
// is scripts/electron-binary.mjs (tested with a stubbed installer).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectron, findElectronBinary, runElectronInstaller } from './electron-binary.mjs';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectDir, 'package.json'));

// Checked before building so that a machine without Electron gets no build noise.
const electron = await ensureElectron({
  findBinary: () => findElectronBinary(),
  runInstaller: () => runElectronInstaller(),
  log: (line) => console.error(line),
});
if (electron.kind !== 'ready') {
  console.error(electron.message);
  process.exit(1);
}

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: projectDir, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('Marginalia: the build failed; see the messages above.');
  process.exit(build.status ?? 1);
}

const env = { ...process.env };
// Set in some shells and CI images; it would make Electron behave as plain Node.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron.binary, [projectDir, ...process.argv.slice(2)], { cwd: projectDir, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!child.killed) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`Marginalia: could not run Electron: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
