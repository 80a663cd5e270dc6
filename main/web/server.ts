// CLI entry of the browser host (built to out/main/server.js, run with plain node):
//   node out/main/server.js --port N --data-dir DIR --open DIR [--open DIR2 ...]
import { writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, parseServerArgs } from './cli-args';
import { ServerStartError, startServer } from './start-server';

// Paths are resolved from this file's place in the build: out/main/server.js.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = resolve(here, '../renderer');
const sampleCorpusDir = resolve(here, '../../assets/sample-corpus');
// Whatever is pending, stop within a few seconds: a stuck read must never make SIGTERM useless.
// Changes shown as Saved are fsynced already, so giving up loses nothing acknowledged.
const SHUTDOWN_DEADLINE_MS = 3_000;
// Once loading has settled, what remains is the store's final flush: an fsync under way gets a
// little longer to finish rather than being cut off.
const SAVE_GRACE_MS = 2_000;

async function main(): Promise<void> {
  let args;
  try {
    args = parseServerArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`Marginalia: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }

  let running;
  try {
    running = await startServer({ ...args, rendererDir, sampleCorpusDir });
  } catch (error) {
    if (error instanceof ServerStartError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  console.log(`Marginalia is serving at ${running.url}`);

  let stopping = false;
  const stop = (why: string) => {
    // npm and the serve script may both pass on one Ctrl+C; act on the first.
    if (stopping) return;
    stopping = true;
    let corpusIdle = false;
    void running.core.whenLoaded().then(() => (corpusIdle = true), () => (corpusIdle = true));
    const giveUp = (after: number, pending: string) => {
      // Written synchronously: the process may end by SIGKILL right after.
      writeSync(2, `Marginalia: ${pending} ${after / 1000} s after ${why}; exiting without waiting further (changes shown as Saved are on disk)\n`);
      // A read stuck in the kernel (a FIFO, a dead network disk) pins a libuv worker thread, and
      // exit() joins those threads: process.exit would hang exactly when we need it. SIGKILL cannot
      // be held up, and costs nothing acknowledged (every Saved change is already fsynced).
      if (process.getActiveResourcesInfo().some((resource) => resource.startsWith('FSReq'))) process.kill(process.pid, 'SIGKILL');
      process.exit(1);
    };
    setTimeout(() => {
      if (!corpusIdle) return giveUp(SHUTDOWN_DEADLINE_MS, 'still loading a folder');
      setTimeout(() => giveUp(SHUTDOWN_DEADLINE_MS + SAVE_GRACE_MS, 'still saving annotations'), SAVE_GRACE_MS);
    }, SHUTDOWN_DEADLINE_MS); // kept referenced: a close stuck on a bare promise must still end in exit(1)
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Marginalia: error while closing: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
  // Started by `npm run serve` with an IPC channel: if that script dies (even by SIGKILL), the
  // channel closes and we stop too, instead of running on as an orphan nobody can see.
  if (process.connected) process.once('disconnect', () => stop('the serve script went away'));
}

main().catch((error: unknown) => {
  // Unexpected: keep it to one line for the user, details for whoever debugs.
  console.error(`Marginalia: could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.MARGINALIA_DEBUG) console.error(error);
  process.exit(1);
});
