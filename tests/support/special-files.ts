// FIFOs and process checks for the robustness tests (Linux: mkfifo, /proc).
import { spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';

/** Creates a FIFO (named pipe) at `path` with the system's mkfifo. */
export function mkfifo(path: string): string {
  const made = spawnSync('mkfifo', [path], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed (${made.status}): ${made.stderr}`);
  return path;
}

/**
 * Opens the FIFO for writing and closes it at once: a reader stuck in a blocking open (the bug
 * under test) then sees end-of-file and returns, so a failing test does not leave a thread hung.
 */
export function releaseFifo(path: string): void {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: nobody is waiting on it, which is the good case; ENOENT: already gone
  }
}

/** `/proc/<pid>/stat` fields after the command name: state, ppid… */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** True while `pid` exists and is not a zombie (a zombie has exited; only its parent has not reaped it). */
export function isRunning(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/** The pids whose parent is `parentPid`. */
export function childrenOf(parentPid: number): number[] {
  if (!existsSync('/proc')) throw new Error('childrenOf needs /proc (Linux)');
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    if (statFields(Number(name))?.[1] === String(parentPid)) children.push(Number(name));
  }
  return children;
}

/** Polls `condition` every 50 ms; false if it did not become true within `ms` (a hang, not a timing). */
export async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
