// `npm start`'s decision about the Electron binary (scripts/electron-binary.mjs): present → run
// it; missing → Electron's installer runs once and the binary is looked for again; the download
// fails → one line with the real reason and the pointer to `npm run serve`. The installer is
// stubbed at its boundary; the child-process boundary itself runs real (fake) installer scripts.
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureElectron, explainInstallFailure, findElectronBinary, runElectronInstaller } from '../../scripts/electron-binary.mjs';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'marginalia-start-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A project with an `electron` package that behaves like the real one's index.js. */
async function fakeElectronPackage(): Promise<{ require: NodeJS.Require; install: () => Promise<string> }> {
  const pkg = join(dir, 'node_modules', 'electron');
  await mkdir(pkg, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{"name":"p","private":true}');
  await writeFile(join(pkg, 'package.json'), '{"name":"electron","version":"41.7.1","main":"index.js"}');
  // The real index.js: reads path.txt (written by the installer) or throws.
  await writeFile(
    join(pkg, 'index.js'),
    `const fs = require('fs'); const path = require('path');
const pathFile = path.join(__dirname, 'path.txt');
if (!fs.existsSync(pathFile)) throw new Error('Electron failed to install correctly');
module.exports = path.join(__dirname, 'dist', fs.readFileSync(pathFile, 'utf-8'));`,
  );
  return {
    require: createRequire(join(dir, 'package.json')),
    install: async () => {
      await mkdir(join(pkg, 'dist'), { recursive: true });
      await writeFile(join(pkg, 'dist', 'electron'), '#!/bin/sh\n');
      await writeFile(join(pkg, 'path.txt'), 'electron');
      return join(pkg, 'dist', 'electron');
    },
  };
}

describe('ensureElectron (npm start)', () => {
  it('runs the binary that is there, without the installer', async () => {
    const logged: string[] = [];
    let installs = 0;
    const decision = await ensureElectron({
      findBinary: () => '/opt/electron/electron',
      runInstaller: async () => {
        installs++;
        return { exitCode: 0, output: '' };
      },
      log: (line) => logged.push(line),
    });
    expect(decision).toEqual({ kind: 'ready', binary: '/opt/electron/electron', installed: false });
    expect(installs).toBe(0);
    expect(logged).toEqual([]);
  });

  it('binary missing and downloadable: runs the installer once, says so, then runs what it installed', async () => {
    const electron = await fakeElectronPackage();
    const logged: string[] = [];
    let installs = 0;
    let installedAt = '';
    const decision = await ensureElectron({
      findBinary: () => findElectronBinary(electron.require),
      runInstaller: async () => {
        installs++;
        installedAt = await electron.install();
        return { exitCode: 0, output: '' };
      },
      log: (line) => logged.push(line),
    });
    expect(installs).toBe(1);
    expect(decision).toEqual({ kind: 'ready', binary: installedAt, installed: true });
    expect(logged[0]).toMatch(/not installed yet; downloading it once with Electron’s installer/);
  });

  it('download refused: gives up after one try with the server’s answer and the pointer to npm run serve', async () => {
    const electron = await fakeElectronPackage();
    let installs = 0;
    const decision = await ensureElectron({
      findBinary: () => findElectronBinary(electron.require),
      runInstaller: async () => {
        installs++;
        return {
          exitCode: 1,
          output:
            'HTTPError: Response code 403 (Forbidden) for https://github.com/electron/electron/releases/download/v41.7.1/electron-v41.7.1-linux-x64.zip\n    at Request.<anonymous> (/x/got/index.js:1:1)\n',
        };
      },
      log: () => undefined,
    });
    expect(installs).toBe(1);
    expect(decision.kind).toBe('unavailable');
    if (decision.kind !== 'unavailable') return;
    expect(decision.reason).toBe('the download was refused: github.com answered 403 Forbidden');
    expect(decision.message).toBe(
      'Marginalia: could not install the Electron binary: the download was refused: github.com answered 403 Forbidden. Run the browser host instead: npm run serve',
    );
  });

  it('no network: names the host that could not be reached', async () => {
    const decision = await ensureElectron({
      findBinary: () => null,
      runInstaller: async () => ({ exitCode: 1, output: 'RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest.<anonymous>\n' }),
      log: () => undefined,
    });
    expect(decision).toMatchObject({ kind: 'unavailable', reason: 'no network: github.com could not be found (RequestError: getaddrinfo ENOTFOUND github.com)' });
  });

  it('an installer that cannot run, or ends without a binary, is a failure with its reason', async () => {
    const threw = await ensureElectron({
      findBinary: () => null,
      runInstaller: () => Promise.reject(new Error('spawn EACCES')),
      log: () => undefined,
    });
    expect(threw).toMatchObject({ kind: 'unavailable', reason: 'spawn EACCES' });
    const silent = await ensureElectron({ findBinary: () => null, runInstaller: async () => ({ exitCode: 0, output: '' }), log: () => undefined });
    expect(silent).toMatchObject({ kind: 'unavailable', reason: 'the installer finished but left no Electron binary' });
  });
});

describe('explainInstallFailure', () => {
  it('tells network failures, refusals and checksum errors apart', () => {
    expect(explainInstallFailure('RequestError: connect ECONNREFUSED 10.0.0.1:443', 1)).toBe(
      'no network: could not connect to 10.0.0.1 (RequestError: connect ECONNREFUSED 10.0.0.1:443)',
    );
    expect(explainInstallFailure('HTTPError: Response code 404 (Not Found) for https://mirror.example.org/v41.7.1/electron.zip', 1)).toBe(
      'the download was refused: mirror.example.org answered 404 Not Found',
    );
    expect(explainInstallFailure('Error: Generated checksum for "electron.zip" did not match expected checksum.', 1)).toMatch(/did not match Electron's checksum/);
    expect(explainInstallFailure('', 7)).toBe('the installer exited with code 7');
  });
});

describe('runElectronInstaller (the child-process boundary)', () => {
  it('shows the installer’s own output, collects its error for the reason, and drops ELECTRON_SKIP_BINARY_DOWNLOAD', async () => {
    const installer = join(dir, 'install.js');
    await writeFile(
      installer,
      `if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);
process.stderr.write('downloading… 42%\\n');
const err = new Error('Response code 403 (Forbidden) for https://github.com/electron/electron/releases/x.zip');
err.name = 'HTTPError';
console.error(err.stack);
process.exit(1);`,
    );
    await chmod(installer, 0o755);
    const result = await runElectronInstaller(installer, { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, 'ignore');
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/^HTTPError: Response code 403 \(Forbidden\)/);
    expect(result.output).not.toContain('42%'); // progress goes to the terminal, not into the reason
    expect(explainInstallFailure(result.output, result.exitCode)).toBe('the download was refused: github.com answered 403 Forbidden');
  });

  it('a crash of the installer is reported too', async () => {
    const installer = join(dir, 'install.js');
    await writeFile(installer, `throw new Error('Electron builds are not available on platform: aix');`);
    const result = await runElectronInstaller(installer, process.env, 'ignore');
    expect(result.exitCode).not.toBe(0);
    expect(explainInstallFailure(result.output, result.exitCode)).toBe('Error: Electron builds are not available on platform: aix');
  });
});
