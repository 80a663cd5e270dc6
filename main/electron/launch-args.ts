// Options the desktop app accepts on its command line, mainly for tests:
//   --data-dir DIR   keep settings and annotations in DIR instead of the user data folder
//   --open PATH      open these folders or files instead of the remembered ones (repeatable)
// Electron and Chromium add their own arguments, so unknown ones are ignored. Pure.
import { resolve } from 'node:path';

export interface LaunchArgs {
  dataDir: string | null;
  openPaths: string[];
}

export function parseLaunchArgs(argv: readonly string[], cwd: string): LaunchArgs {
  let dataDir: string | null = null;
  const openPaths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    for (const name of ['--data-dir', '--open'] as const) {
      let value: string | undefined;
      if (arg === name) value = argv[++i];
      else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
      else continue;
      if (!value) break;
      if (name === '--data-dir') dataDir = resolve(cwd, value);
      else openPaths.push(resolve(cwd, value));
    }
  }
  return { dataDir, openPaths };
}
