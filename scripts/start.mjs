// `npm start`: builds with electron-vite, then runs the desktop app with Electron.
// Where the Electron binary could not be downloaded, says so in one line and points to the browser host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectDir, 'package.json'));

/** Path of the Electron binary, or null when it was never downloaded. */
function findElectronBinary() {
  try {
    // In plain Node, the electron package exports the binary's path (and throws if it is missing).
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

// Checked before building so that a machine without Electron gets one line and no build noise.
const electronBinary = findElectronBinary();
if (!electronBinary) {
  console.error(
    'Marginalia: the Electron binary is not installed on this machine (it could not be downloaded). Run the browser host instead: npm run serve',
  );
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
const child = spawn(electronBinary, [projectDir, ...process.argv.slice(2)], { cwd: projectDir, stdio: 'inherit', env });
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
