// Command-line arguments of the browser host: --port N --data-dir DIR --open DIR [--open DIR2 ...].
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DEFAULT_PORT = 4173;

export interface ServerArgs {
  port: number;
  dataDir: string;
  openPaths: string[];
}

/** A mistake in the command line; the message is one line for the user. */
export class UsageError extends Error {}

export const USAGE = 'Usage: npm run serve -- [--port N] [--data-dir DIR] [--open PATH ...]';

/**
 * Where Electron's app.getPath('userData') points for productName "Marginalia",
 * so both hosts share settings and annotations by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Marginalia');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Marginalia');
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'Marginalia');
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${value}"`);
  }
  return Number(value);
}

export function parseServerArgs(argv: readonly string[], cwd = process.cwd()): ServerArgs {
  let port = DEFAULT_PORT;
  let dataDir: string | null = null;
  const openPaths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    // Accept both "--port 8080" and "--port=8080".
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (name !== '--port' && name !== '--data-dir' && name !== '--open') {
      throw new UsageError(`Unknown argument "${arg}". ${USAGE}`);
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value. ${USAGE}`);
    if (name === '--port') port = parsePort(value);
    else if (name === '--data-dir') dataDir = resolve(cwd, value);
    else openPaths.push(resolve(cwd, value));
  }
  return { port, dataDir: dataDir ?? defaultDataDir(), openPaths };
}
