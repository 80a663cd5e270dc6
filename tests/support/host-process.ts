// The real browser host (the built out/main/server.js) as a child process, plus a typed way
// to call its HTTP API. No mocks: the process writes to a real data dir and can be SIGKILLed.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CorpusStatus, SessionInfo } from '../../shared/api';
import type { Creator } from '../../shared/model/records';
import { callApi } from '../../main/web/test-http';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/** The built host; MARGINALIA_SERVER_ENTRY points the proofs at another build (e.g. a mutant). */
export const SERVER_ENTRY = process.env.MARGINALIA_SERVER_ENTRY ?? resolve(REPO_ROOT, 'out/main/server.js');

export class ApiCallError extends Error {
  constructor(
    readonly method: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} answered ${status}: ${body.slice(0, 500)}`);
  }
}

export interface HostProcess {
  port: number;
  token: string;
  dataDir: string;
  /** Everything the host wrote to stderr so far. */
  stderr(): string;
  /** POST /api/<method>; resolves with `result`, rejects with ApiCallError or a socket error. */
  call<T>(method: string, ...args: unknown[]): Promise<T>;
  /** Names the analyst (as the first-run dialog does) and returns who saves from now on. */
  nameAnalyst(name: string): Promise<Creator>;
  /** Resolves once the corpus opened at launch has loaded. */
  whenLoaded(expectedDocuments?: number): Promise<CorpusStatus>;
  /** Kills with the signal and resolves with how it ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The raw child, e.g. to kill it synchronously mid-request. */
  child: ChildProcessWithoutNullStreams;
}

export async function startHostProcess(options: { dataDir: string; open: string[] }): Promise<HostProcess> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run \`npm run build\` first`);
  const args = [SERVER_ENTRY, '--port', '0', '--data-dir', options.dataDir];
  for (const path of options.open) args.push('--open', path);
  const child = spawn(process.execPath, args, { env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );

  const { port, token } = await new Promise<{ port: number; token: string }>((resolveLaunch, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start within 30 s; stderr: ${stderr}`)), 30_000);
    const onData = () => {
      const match = /Marginalia is serving at http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolveLaunch({ port: Number(match[1]), token: match[2] ?? '' });
    };
    child.stdout.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the host exited (${code ?? signal}) before serving; stderr: ${stderr}`));
    });
  });

  const call = async <T>(method: string, ...callArgs: unknown[]): Promise<T> => {
    const response = await callApi(port, token, method, callArgs);
    if (response.status !== 200) throw new ApiCallError(method, response.status, response.body);
    return (response.json as { result: T }).result;
  };

  return {
    port,
    token,
    dataDir: options.dataDir,
    child,
    stderr: () => stderr,
    call,
    async nameAnalyst(name) {
      await call('updateSettings', { analystName: name });
      const session = await call<SessionInfo>('getSession');
      if (!session.analyst) throw new Error('the host did not report an analyst');
      return session.analyst;
    },
    async whenLoaded(expectedDocuments) {
      const started = Date.now();
      for (;;) {
        const status = await call<CorpusStatus>('getCorpusStatus');
        const enough = expectedDocuments === undefined || status.documents.length >= expectedDocuments;
        if (!status.loading && enough) return status;
        if (Date.now() - started > 30_000) throw new Error(`the corpus did not load within 30 s: ${JSON.stringify(status).slice(0, 500)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
