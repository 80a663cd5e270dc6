// `npm run serve` must never leave the browser host running behind it: not when stopped with
// SIGTERM, not when the host is too wedged to stop, not when the serve script itself is killed.
// Real processes: scripts/serve.mjs and the built host it starts; the host's pid is checked in /proc.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServeScript, type ServeProcess } from '../support/serve-process';
import { isRunning, waitFor } from '../support/special-files';

let root: string;
let running: ServeProcess | null = null;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-serve-'));
  await writeFile(join(root, 'article.txt'), 'Harbour report\n\nForty boats left the harbour on Monday.\n');
});

afterEach(async () => {
  running?.killAll();
  running = null;
  await rm(root, { recursive: true, force: true });
});

const start = async () => (running = await startServeScript({ dataDir: join(root, 'data'), open: [join(root, 'article.txt')] }));

// Bounds that tell "stopped" from "hung": each is several times what a healthy run takes.
const STOPS_WITHIN_MS = 20_000;

describe.skipIf(process.platform !== 'linux')('npm run serve shutdown', () => {
  it('SIGTERM stops the serve script and its host, cleanly', async () => {
    const { serve, hostPid, exited } = await start();
    serve.kill('SIGTERM');
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), STOPS_WITHIN_MS))])).toEqual({ code: 0, signal: null });
    expect(await waitFor(() => !isRunning(hostPid), STOPS_WITHIN_MS)).toBe(true);
  });

  it('SIGTERM kills a host that does not stop (here: a stopped process) instead of waiting for it forever', async () => {
    const { serve, hostPid, exited, stderr } = await start();
    process.kill(hostPid, 'SIGSTOP'); // as wedged as a process gets: it cannot even run its signal handler
    serve.kill('SIGTERM');
    const ended = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), STOPS_WITHIN_MS))]);
    expect(ended, `serve script; stderr: ${stderr()}`).toEqual({ code: 1, signal: null });
    expect(await waitFor(() => !isRunning(hostPid), STOPS_WITHIN_MS), `host pid ${hostPid} is still running`).toBe(true);
    expect(stderr()).toContain(`Marginalia: the browser host (pid ${hostPid}) did not stop within`);
  });

  it('the host stops by itself when the serve script is killed with SIGKILL', async () => {
    const { serve, hostPid, exited } = await start();
    serve.kill('SIGKILL'); // no handler in the script runs
    await exited;
    expect(await waitFor(() => !isRunning(hostPid), STOPS_WITHIN_MS), `host pid ${hostPid} was left running`).toBe(true);
  });
});
