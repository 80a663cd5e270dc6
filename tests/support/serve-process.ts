// `node scripts/serve.mjs` as the analyst runs it (npm run serve), as a child process, with the
// build step skipped: the tests' global setup has just built out/.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from './host-process';
import { childrenOf, isRunning, waitFor } from './special-files';

export interface ServeProcess {
  /** The serve script. */
  serve: ChildProcessWithoutNullStreams;
  /** The browser host it started. */
  hostPid: number;
  stderr(): string;
  /** Resolves with how the serve script ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Last resort for a failing test: kill both, whatever state they are in. */
  killAll(): void;
}

export async function startServeScript(options: { dataDir: string; open: string[] }): Promise<ServeProcess> {
  const args = [resolve(REPO_ROOT, 'scripts/serve.mjs'), '--port', '0', '--data-dir', options.dataDir];
  for (const path of options.open) args.push('--open', path);
  const serve = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, MARGINALIA_SKIP_BUILD: '1', NODE_NO_WARNINGS: '1' } });
  let stdout = '';
  let stderr = '';
  serve.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  serve.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => serve.once('exit', (code, signal) => done({ code, signal })));
  let hostPid = 0;
  const killAll = () => {
    for (const pid of [serve.pid, hostPid]) {
      if (!pid || !isRunning(pid)) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  // Generous: the old serve script (no MARGINALIA_SKIP_BUILD) builds first.
  const serving = await waitFor(() => stdout.includes('Marginalia is serving at') || serve.exitCode !== null, 120_000);
  if (!serving || serve.exitCode !== null) {
    killAll();
    throw new Error(`npm run serve did not start serving; stderr: ${stderr}`);
  }
  const children = childrenOf(serve.pid ?? -1).filter((pid) => isRunning(pid));
  if (children.length !== 1) {
    killAll();
    throw new Error(`expected the serve script to have one child (the host), found ${JSON.stringify(children)}`);
  }
  hostPid = children[0] ?? 0;
  return { serve, hostPid, stderr: () => stderr, exited, killAll };
}
