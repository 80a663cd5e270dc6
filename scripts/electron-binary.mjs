// What `npm start` does about the Electron binary, apart from running it:
// - `ensureElectron` decides: the binary is there → run it; missing → run Electron's own
//   installer once (showing its progress) and look again; still missing → give up with the real
//   reason and the pointer to `npm run serve`. Pure apart from the three boundaries it is given
//   (find the binary, run the installer, print), so a test can stub the installer.
// - `findElectronBinary` and `runElectronInstaller` are those boundaries as `npm start` uses them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export const SERVE_HINT = 'Run the browser host instead: npm run serve';

/** Path of the Electron binary, or null when it is not installed (never downloaded, or removed). */
export function findElectronBinary(require = createRequire(join(projectDir, 'package.json'))) {
  try {
    // Fresh each time: the installer may have just written path.txt.
    const resolved = require.resolve('electron');
    delete require.cache[resolved];
    // In plain Node, the electron package exports the binary's path (and throws if it is missing).
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Electron's own installer script (node_modules/electron/install.js), or null without the package. */
export function electronInstallerPath(require = createRequire(join(projectDir, 'package.json'))) {
  try {
    return join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return null;
  }
}

/**
 * The one line that says why the download failed, from what the installer printed (Electron's
 * installer prints the error's stack). Network failures and refusals are named as such.
 */
export function explainInstallFailure(output, exitCode) {
  const lines = String(output ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at '));
  const text = lines.join('\n');
  const host = /(?:getaddrinfo|connect)\s+\S+\s+([\w.-]+)/.exec(text)?.[1] ?? /https?:\/\/([\w.-]+)/.exec(text)?.[1] ?? null;
  const first = lines.find((line) => /error/i.test(line)) ?? lines[0] ?? null;
  const detail = first ? ` (${first})` : '';
  if (/\b(ENOTFOUND|EAI_AGAIN)\b/.test(text)) return `no network: ${host ?? 'the download server'} could not be found${detail}`;
  if (/\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ESOCKETTIMEDOUT|ECONNABORTED)\b|TimeoutError/.test(text)) {
    return `no network: could not connect to ${host ?? 'the download server'}${detail}`;
  }
  const status = /Response code (\d{3})(?: \(([^)]*)\))?/.exec(text) ?? /\b(40[0-9]|451|50[0-9])\b (Forbidden|Not Found|Unauthorized|Unavailable For Legal Reasons)/.exec(text);
  if (status) return `the download was refused: ${host ?? 'the server'} answered ${status[1]}${status[2] ? ` ${status[2]}` : ''}`;
  if (/checksum|sha256/i.test(text)) return `the download did not match Electron's checksum${detail}`;
  if (first) return first;
  return exitCode === 0 ? 'the installer finished but left no Electron binary' : `the installer exited with code ${exitCode}`;
}

/**
 * Makes sure the Electron binary is there, running the installer at most once.
 * @param {{
 *   findBinary: () => string | null,
 *   runInstaller: () => Promise<{ exitCode: number, output: string }>,
 *   log: (line: string) => void,
 * }} io
 * @returns {Promise<{ kind: 'ready', binary: string, installed: boolean } | { kind: 'unavailable', reason: string, message: string }>}
 */
export async function ensureElectron({ findBinary, runInstaller, log }) {
  const present = findBinary();
  if (present) return { kind: 'ready', binary: present, installed: false };
  log('Marginalia: the Electron binary is not installed yet; downloading it once with Electron’s installer…');
  let result;
  try {
    result = await runInstaller();
  } catch (error) {
    result = { exitCode: 1, output: error instanceof Error ? error.message : String(error) };
  }
  const installed = findBinary();
  if (installed) {
    log('Marginalia: Electron is installed.');
    return { kind: 'ready', binary: installed, installed: true };
  }
  const reason = explainInstallFailure(result.output, result.exitCode);
  return { kind: 'unavailable', reason, message: `Marginalia: could not install the Electron binary: ${reason}. ${SERVE_HINT}` };
}

const REPORT_PRELOAD = pathToFileURL(join(projectDir, 'scripts', 'electron-install-report.mjs')).href;

/**
 * Runs Electron's installer in a child process with the terminal as its stdout and stderr (so
 * its progress bar shows), and collects what it prints as errors on a side channel (fd 3) for
 * the one-line reason. ELECTRON_SKIP_BINARY_DOWNLOAD is dropped: `npm start` wants the binary.
 * `terminal: 'ignore'` hides its output (tests).
 */
export function runElectronInstaller(installer = electronInstallerPath(), env = process.env, terminal = 'inherit') {
  if (!installer) return Promise.resolve({ exitCode: 1, output: 'the electron package is not installed (run npm ci)' });
  const childEnv = { ...env };
  delete childEnv.ELECTRON_SKIP_BINARY_DOWNLOAD;
  delete childEnv.ELECTRON_RUN_AS_NODE;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', REPORT_PRELOAD, installer], {
      cwd: dirname(installer),
      env: childEnv,
      stdio: ['ignore', terminal, terminal, 'pipe'],
    });
    let output = '';
    child.stdio[3]?.on('data', (chunk) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ exitCode: 1, output: `could not run Electron’s installer: ${error.message}` }));
    child.on('close', (code, signal) => resolve({ exitCode: code ?? 1, output: output || (signal ? `the installer was stopped by ${signal}` : '') }));
  });
}
