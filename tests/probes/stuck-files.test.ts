// The browser host (a real `node out/main/server.js`) against files that never answer a read:
// a FIFO in the opened folder, and a FIFO where the store keeps a document's annotations.
// The host must keep answering, list what it skipped, and stop within a few seconds of SIGTERM
// whatever is still pending.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CorpusStatus, ExportResult } from '../../shared/api';
import { normalizeText } from '../../shared/text';
import { documentId } from '../../main/services/text-file';
import { type HostProcess, startHostProcess } from '../support/host-process';
import { mkfifo, releaseFifo } from '../support/special-files';

const ARTICLE = 'Harbour report\n\nForty boats left the harbour on Monday.\n';
// The host's own deadline is 3 s (5 s mid-save); before the fix it waited 10 s, or forever.
const STOPS_WITHIN_MS = 8_000;

let root: string;
let host: HostProcess | null = null;
const fifos: string[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-stuck-'));
  await mkdir(join(root, 'corpus'));
  await writeFile(join(root, 'corpus', 'article.txt'), ARTICLE);
});

afterEach(async () => {
  if (host && host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
  host = null;
  for (const fifo of fifos.splice(0)) releaseFifo(fifo);
  await rm(root, { recursive: true, force: true });
});

/** SIGTERM, then how it ended, or 'still running' after STOPS_WITHIN_MS. */
async function terminate(running: HostProcess) {
  const timeout = new Promise<'still running'>((r) => setTimeout(() => r('still running'), STOPS_WITHIN_MS));
  return Promise.race([running.stop('SIGTERM'), timeout]);
}

describe.skipIf(process.platform !== 'linux')('files that never answer', () => {
  it('a FIFO in the opened folder is listed as skipped; the host loads, exports and stops on SIGTERM', async () => {
    fifos.push(mkfifo(join(root, 'corpus', 'x.txt')));
    host = await startHostProcess({ dataDir: join(root, 'data'), open: [join(root, 'corpus')] });
    const status = await host.whenLoaded(1);
    expect(status.documents.map((d) => d.fileName)).toEqual(['article.txt']);
    expect(status.skipped).toContainEqual({ path: 'x.txt', reason: 'not a regular file (a FIFO (named pipe))' });
    const exported = await host.call<ExportResult>('exportAnnotations', { scope: 'all', includeText: false });
    expect(exported.kind).toBe('download');
    expect(await terminate(host)).toEqual({ code: 0, signal: null });
  });

  it('with a read stuck on a FIFO in the store, the host still answers and SIGTERM ends it within a few seconds', async () => {
    // Where the store keeps article.txt's annotations: a FIFO nobody writes to.
    await mkdir(join(root, 'data', 'records'), { recursive: true });
    fifos.push(mkfifo(join(root, 'data', 'records', `${documentId(normalizeText(ARTICLE))}.json`)));
    host = await startHostProcess({ dataDir: join(root, 'data'), open: [join(root, 'corpus')] });
    const status = await host.call<CorpusStatus>('getCorpusStatus');
    expect(Array.isArray(status.documents)).toBe(true);
    const ended = await terminate(host);
    if (ended === 'still running') throw new Error(`the host ignored SIGTERM for ${STOPS_WITHIN_MS / 1000} s; stderr: ${host.stderr()}`);
    // Either the store refused the FIFO and the host closed normally, or the host gave up on
    // the stuck read and said so in one line (ending itself with SIGKILL, as exit() would wait
    // for the stuck thread).
    if (ended.code !== 0) {
      expect([{ code: 1, signal: null }, { code: null, signal: 'SIGKILL' }]).toContainEqual(ended);
      expect(host.stderr()).toMatch(/^Marginalia: still (loading a folder|saving annotations) \d+ s after SIGTERM; exiting without waiting further \(changes shown as Saved are on disk\)$/m);
    }
  });
});
