// CLI entry of the browser host (built to out/main/server.js, run with plain node):
//   node out/main/server.js --port N --data-dir DIR --open DIR [--open DIR2 ...]
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, parseServerArgs } from './cli-args';
import { ServerStartError, startServer } from './start-server';

// Paths are resolved from this file's place in the build: out/main/server.js.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = resolve(here, '../renderer');
const sampleCorpusDir = resolve(here, '../../assets/sample-corpus');
const SHUTDOWN_TIMEOUT_MS = 10_000;

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
  const stop = () => {
    // npm and the serve script may both pass on one Ctrl+C; act on the first.
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`Marginalia: still saving after ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Marginalia: error while closing: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
}

main().catch((error: unknown) => {
  // Unexpected: keep it to one line for the user, details for whoever debugs.
  console.error(`Marginalia: could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.MARGINALIA_DEBUG) console.error(error);
  process.exit(1);
});
