// Preloaded (node --import) into Electron's installer by `npm start` (scripts/electron-binary.mjs):
// what the installer reports as an error goes to fd 3, where npm start reads it to say in one
// line why the download failed. Its progress bar still draws on the terminal (stderr is untouched).
import { writeSync } from 'node:fs';
import { format } from 'node:util';

function report(text) {
  try {
    writeSync(3, `${text}\n`);
  } catch {
    process.stderr.write(`${text}\n`);
  }
}

console.error = (...args) => report(format(...args));
process.on('uncaughtExceptionMonitor', (error) => report(error instanceof Error ? (error.stack ?? error.message) : String(error)));
