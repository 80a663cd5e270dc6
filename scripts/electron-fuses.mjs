// electron-builder afterPack hook: flips Electron's fuses in the packed binary. It runs before
// electron-builder signs the app, so the signature covers the flipped binary.
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { Arch } from 'electron-builder';

/** Every fuse @electron/fuses 1.8 knows, set on purpose (fuses newer Electrons add keep their defaults). */
export const FUSES = {
  // No `ELECTRON_RUN_AS_NODE`, NODE_OPTIONS or --inspect: the binary cannot be run as a plain
  // Node with our identity, or have code injected at launch.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // The app is packed with asar: true; electron-builder writes the archive's hash into the
  // binary (Windows) or Info.plist (macOS) before this hook runs. Linux does not check it.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The window loads app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron binary electron-builder packed, as named on each platform. */
export function packedBinaryPath({ appOutDir, electronPlatformName, packager }) {
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      // flipFuses finds the Electron Framework inside the bundle.
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName);
    default:
      throw new Error(`electron-fuses: unknown platform ${electronPlatformName}`);
  }
}

export function fuseConfig({ electronPlatformName, arch }) {
  return {
    version: FuseVersion.V1,
    // Editing the binary voids the ad-hoc signature Apple silicon needs to run it at all; a real
    // signature, when one is configured, replaces it afterwards.
    resetAdHocDarwinSignature: electronPlatformName === 'darwin' && (arch === Arch.arm64 || arch === Arch.universal),
    ...FUSES,
  };
}

/** A fuse as the wire stores it: the character '1' (on) or '0' (off). */
const wireState = (on) => (on ? '1' : '0').charCodeAt(0);

export default async function afterPack(context) {
  const binary = packedBinaryPath(context);
  await flipFuses(binary, fuseConfig(context));
  // Read back: fail the packaging rather than ship a binary whose fuses did not take.
  const wire = await getCurrentFuseWire(binary);
  for (const [index, on] of Object.entries(FUSES)) {
    if (wire[index] !== wireState(on)) throw new Error(`electron-fuses: ${FuseV1Options[index]} is not ${on ? 'on' : 'off'} in ${binary}`);
  }
}
