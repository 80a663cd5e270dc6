// The electron-builder afterPack hook (scripts/electron-fuses.mjs), run on fake Electron
// binaries laid out as electron-builder leaves them on each platform; electron-builder
// itself is not run.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { SENTINEL } from '@electron/fuses/dist/constants';
import { Arch, type AfterPackContext } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import afterPack, { FUSES, fuseConfig, packedBinaryPath } from '../../scripts/electron-fuses.mjs';

// Electron's defaults (build/fuses/fuses.json5), plus a ninth fuse this version of
// @electron/fuses does not know, as a newer Electron could have.
const STOCK_WIRE = '10110001' + '1';

function fakeContext(electronPlatformName: string, appOutDir: string, arch = Arch.x64): AfterPackContext {
  const packager = { appInfo: { productFilename: 'Marginalia' }, executableName: 'marginalia' };
  return { appOutDir, electronPlatformName, arch, packager } as unknown as AfterPackContext;
}

/** Writes a file holding a version-1 fuse wire between filler bytes, as the Electron binary does. */
async function fakeElectron(path: string, wire: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const bytes = Buffer.concat([Buffer.from('ELF…'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('…rest')]);
  await writeFile(path, bytes);
}

async function wireOf(path: string): Promise<string> {
  const bytes = await readFile(path);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return bytes.subarray(at + 2, at + 2 + (bytes[at + 1] ?? 0)).toString('latin1');
}

describe('fuses set by the packaging hook', () => {
  it('turns off every way to run or inspect the binary as Node, and file:// privileges', () => {
    expect(FUSES).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('re-signs ad hoc only where macOS requires a signature (Apple silicon)', () => {
    expect(fuseConfig(fakeContext('darwin', '/out', Arch.arm64)).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig(fakeContext('darwin', '/out', Arch.universal)).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig(fakeContext('darwin', '/out', Arch.x64)).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig(fakeContext('linux', '/out', Arch.arm64)).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig(fakeContext('win32', '/out')).resetAdHocDarwinSignature).toBe(false);
  });
});

describe('the binary the hook targets', () => {
  it('is the renamed executable on Linux and Windows and the app bundle on macOS', () => {
    expect(packedBinaryPath(fakeContext('linux', '/out/linux-unpacked'))).toBe(join('/out/linux-unpacked', 'marginalia'));
    expect(packedBinaryPath(fakeContext('win32', '/out/win-unpacked'))).toBe(join('/out/win-unpacked', 'Marginalia.exe'));
    expect(packedBinaryPath(fakeContext('darwin', '/out/mac'))).toBe(join('/out/mac', 'Marginalia.app'));
    expect(packedBinaryPath(fakeContext('mas', '/out/mas'))).toBe(join('/out/mas', 'Marginalia.app'));
    expect(() => packedBinaryPath(fakeContext('aix', '/out'))).toThrow(/unknown platform/);
  });

  // Where the fuse wire really is: the executable, or the framework inside a macOS bundle.
  const layouts: [platform: string, wireFile: string][] = [
    ['linux', 'marginalia'],
    ['win32', 'Marginalia.exe'],
    ['darwin', 'Marginalia.app/Contents/Frameworks/Electron Framework.framework/Electron Framework'],
  ];
  for (const [platform, wireFile] of layouts) {
    it(`flips the fuses in the packed ${platform} binary and leaves unknown ones alone`, async () => {
      const appOutDir = await mkdtemp(join(tmpdir(), `marginalia-fuses-${platform}-`));
      await fakeElectron(join(appOutDir, wireFile), STOCK_WIRE);
      await afterPack(fakeContext(platform, appOutDir));
      expect(await wireOf(join(appOutDir, wireFile))).toBe('01001100' + '1');
    });
  }

  it('fails the packaging when there is no Electron binary where it should be', async () => {
    const appOutDir = await mkdtemp(join(tmpdir(), 'marginalia-fuses-missing-'));
    await fakeElectron(join(appOutDir, 'electron'), STOCK_WIRE); // not yet renamed
    await expect(afterPack(fakeContext('linux', appOutDir))).rejects.toThrow();
  });
});
