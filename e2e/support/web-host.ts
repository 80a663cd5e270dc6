// Starts the real browser host (built server) as a child process with its own data dir.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// MARGINALIA_OUT: the build to test (electron-vite's output folder), out/ by default.
const SERVER_ENTRY = resolve(import.meta.dirname, '../..', process.env.MARGINALIA_OUT ?? 'out', 'main/server.js');

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Calls the host's HTTP API as any client would, with the per-launch token. */
export async function hostApi<T>(host: RunningHost, method: string, ...args: unknown[]): Promise<T> {
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Marginalia-Token': host.token },
    body: JSON.stringify({ args }),
  });
  const body = (await response.json()) as { result: T; error?: string };
  if (!response.ok) throw new Error(`${method} (${response.status}): ${body.error}`);
  return body.result;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'marginalia-e2e-'));
}

export async function startHost(options: { dataDir: string; open?: string[]; port?: number }): Promise<RunningHost> {
  const port = options.port ?? (await freePort());
  const args = [SERVER_ENTRY, '--port', String(port), '--data-dir', options.dataDir];
  for (const dir of options.open ?? []) args.push('--open', dir);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`host did not start in time; stderr: ${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Marginalia is serving at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}; stderr: ${stderr}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port,
    token: parsed.searchParams.get('token') ?? '',
    dataDir: options.dataDir,
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
  };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill(signal);
  });
}
