// The browser host's command line, run as a real process (from source, through tsx):
// the exact launch line, exit codes for bad arguments and a taken port, clean shutdown.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDataDir, parseServerArgs, UsageError } from './cli-args';
import { safeRelativePath } from './static-files';
import { callApi } from './test-http';

const SERVER_SOURCE = resolve(import.meta.dirname, 'server.ts');
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-cli-'));
  await mkdir(join(root, 'corpus'));
  await writeFile(join(root, 'corpus', 'one.txt'), 'One\n\nThe ministry said 7 schools reopened in Northvale.\n');
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function runServer(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', SERVER_SOURCE, ...args], { env: { ...process.env, NODE_NO_WARNINGS: '1' } });
}

function collect(child: ChildProcessWithoutNullStreams): { stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { stdout: () => stdout, stderr: () => stderr, exit };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('node server.js', () => {
  it('prints exactly the serving line, answers with its token, and exits 0 on SIGTERM', async () => {
    const child = runServer(['--port', '0', '--data-dir', join(root, 'data'), '--open', join(root, 'corpus')]);
    const out = collect(child);
    await waitFor(() => out.stdout().includes('\n'), 'the serving line');
    const line = out.stdout().trimEnd();
    const match = /^Marginalia is serving at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{32})$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, port, token] = match as RegExpExecArray;
    const response = await callApi(Number(port), token as string, 'getSession', []);
    expect(response.status).toBe(200);
    child.kill('SIGTERM');
    expect(await out.exit).toBe(0);
    expect(out.stdout().trimEnd()).toBe(line);
  }, 30_000);

  it('exits 2 with one line for a bad argument', async () => {
    const out = collect(runServer(['--port', 'eighty']));
    expect(await out.exit).toBe(2);
    expect(out.stderr().trim().split('\n')).toEqual(['Marginalia: --port must be a whole number from 0 to 65535, not "eighty"']);
  }, 30_000);

  it('exits 1 with one line when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const out = collect(runServer(['--port', String(port), '--data-dir', join(root, 'data-busy')]));
      expect(await out.exit).toBe(1);
      expect(out.stderr().trim().split('\n')).toEqual([`Marginalia: port ${port} is already in use on 127.0.0.1; choose another with --port N`]);
      expect(out.stdout()).toBe('');
    } finally {
      blocker.close();
    }
  }, 30_000);
});

describe('parseServerArgs', () => {
  it('reads every option, in both spellings, resolving paths', () => {
    expect(parseServerArgs(['--port', '8080', '--data-dir=d', '--open', 'a', '--open=/b'], '/home/me')).toEqual({
      port: 8080,
      dataDir: '/home/me/d',
      openPaths: ['/home/me/a', '/b'],
    });
  });

  it('defaults to port 4173 and the shared data folder', () => {
    expect(parseServerArgs([], '/x')).toEqual({ port: 4173, dataDir: defaultDataDir(), openPaths: [] });
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Marginalia');
  });

  it.each([[['--port']], [['--port', '70000']], [['--port', '-1']], [['--verbose']], [['stray']], [['--open', '']]])('refuses %j', (argv) => {
    expect(() => parseServerArgs(argv)).toThrow(UsageError);
  });
});

describe('safeRelativePath', () => {
  it('maps the root to index.html and keeps ordinary paths', () => {
    expect(safeRelativePath('/')).toBe('index.html');
    expect(safeRelativePath('/assets/index-abc.js')).toBe('assets/index-abc.js');
    expect(safeRelativePath('/assets/a%20b.css')).toBe('assets/a b.css');
  });

  it.each(['/..', '/a/../b', '/%2e%2e/x', '/a%2fb', '/a%5cb', '/a\\b', '/a%00', '//x', 'x', '/%252e', '/%E0%A4%A', '/c:/x', '/./x'])('refuses %s', (path) => {
    expect(safeRelativePath(path)).toBeNull();
  });
});
