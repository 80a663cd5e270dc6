import { renameSync } from 'node:fs';
import { mkdir, realpath, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CorpusLoadResult, loadCorpus, loadTextFile } from './corpus-loader';
import { documentId } from './text-file';
import { makeTempDir } from './test-support';
import { mkfifo, releaseFifo } from '../../tests/support/special-files';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return path;
}

describe('loadCorpus', () => {
  it('turns CRLF and lone CR into LF, strips a BOM and ids the normalized text', async () => {
    await write('crlf.txt', 'Title line\r\nSecond line\r\rThird\r\n');
    await write('bom.md', '\ufeff# Heading\nBody');
    const { documents, skipped } = await loadCorpus([dir]);
    expect(skipped).toEqual([]);
    const crlf = documents.find((d) => d.fileName === 'crlf.txt');
    expect(crlf?.text).toBe('Title line\nSecond line\n\nThird\n');
    expect(crlf?.id).toBe(documentId('Title line\nSecond line\n\nThird\n'));
    expect(crlf?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(crlf?.title).toBe('Title line');
    const bom = documents.find((d) => d.fileName === 'bom.md');
    expect(bom?.text).toBe('# Heading\nBody');
    expect(bom?.warnings).toEqual([]);
  });

  it('replaces invalid UTF-8 and says how many sequences were replaced', async () => {
    const bytes = Buffer.concat([Buffer.from('Bad '), Buffer.from([0xff, 0xfe, 0x41, 0xc3]), Buffer.from(' bytes and a real \ufffd')]);
    await write('bad.txt', bytes);
    const { documents } = await loadCorpus([dir]);
    expect(documents[0]?.text).toContain('\ufffd');
    expect(documents[0]?.warnings).toEqual(['3 invalid UTF-8 byte sequences were replaced with “\ufffd”']);
  });

  it('skips empty, whitespace-only and binary files with reasons', async () => {
    await write('empty.txt', '');
    await write('blank.txt', ' \r\n\t\u00a0\n');
    await write('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await write('doc.md', Buffer.from('%PDF-1.7\n%âãÏÓ\n'));
    await write('noise.txt', Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 1 : 65))));
    await write('ok.txt', 'Real text');
    const { documents, skipped } = await loadCorpus([dir]);
    expect(documents.map((d) => d.fileName)).toEqual(['ok.txt']);
    const reasons = Object.fromEntries(skipped.map((s) => [s.path, s.reason]));
    expect(reasons['empty.txt']).toBe('empty file');
    expect(reasons['blank.txt']).toMatch(/^empty file/);
    expect(reasons['image.txt']).toBe('binary file (PNG image)');
    expect(reasons['doc.md']).toBe('binary file (PDF document)');
    expect(reasons['noise.txt']).toMatch(/^binary file \(\d+% control bytes/);
  });

  it('loads text with a few NUL characters, with a warning', async () => {
    await write('nul.txt', `Hostile\0 text\0 that is still prose. ${'word '.repeat(20)}`);
    const { documents, skipped } = await loadCorpus([dir]);
    expect(skipped).toEqual([]);
    expect(documents[0]?.text).toContain('\0');
    expect(documents[0]?.warnings).toEqual(['contains 2 NUL characters']);
  });

  it('decodes UTF-16 with a byte order mark instead of calling it binary', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Wide text 📍\r\n', 'utf16le')]);
    await write('wide.txt', utf16);
    const { documents } = await loadCorpus([dir]);
    expect(documents[0]?.text).toBe('Wide text 📍\n');
    expect(documents[0]?.warnings[0]).toMatch(/UTF-16LE/);
  });

  it('skips files over 50 MB without reading them', async () => {
    const big = await write('huge.txt', '');
    await truncate(big, 51 * 1024 * 1024); // sparse: costs no disk
    const { documents, skipped } = await loadCorpus([dir]);
    expect(documents).toEqual([]);
    expect(skipped[0]?.reason).toMatch(/^larger than 50 MB/);
  });

  it('recurses into folders, skipping dot-folders, dot-files and node_modules; extensions are case-insensitive', async () => {
    await write('a.txt', 'A');
    await write('sub/deeper/b.TXT', 'B');
    await write('sub/c.Md', 'C');
    await write('sub/picture.png', 'not a text');
    await write('.hidden.txt', 'H');
    await write('.git/d.txt', 'D');
    await write('node_modules/pkg/readme.md', 'N');
    const { documents, skipped, folders } = await loadCorpus([dir]);
    expect(documents.map((d) => d.path)).toEqual(['a.txt', 'sub/c.Md', 'sub/deeper/b.TXT']);
    expect(skipped).toEqual([]);
    expect(folders).toEqual([dir]);
  });

  it('opens explicit files and reports missing or unsuitable ones instead of throwing', async () => {
    const file = await write('one.txt', 'One');
    const png = await write('photo.png', 'x');
    const missing = join(dir, 'nope', 'gone.txt');
    await symlink(join(dir, 'nowhere.txt'), join(dir, 'dangling.txt'));
    const { documents, skipped, foundSources } = await loadCorpus([file, png, missing, join(dir, 'dangling.txt')]);
    expect(documents.map((d) => d.path)).toEqual([file]);
    expect(skipped).toEqual([
      { path: png, reason: 'not a .txt or .md file' },
      { path: missing, reason: 'not found' },
      { path: join(dir, 'dangling.txt'), reason: 'not found' },
    ]);
    expect(foundSources).toEqual([file]);
  });

  it('lists a file with the same text as an earlier one as skipped', async () => {
    await write('first.txt', 'Same words\r\n');
    await write('second.txt', '\ufeffSame words\n');
    const { documents, skipped } = await loadCorpus([dir]);
    expect(documents.map((d) => d.fileName)).toEqual(['first.txt']);
    expect(skipped).toEqual([{ path: 'second.txt', reason: 'same text as first.txt' }]);
  });

  it('reports a file that vanished between listing and reading', async () => {
    const outcome = await loadTextFile({ absolutePath: join(dir, 'vanished.txt'), displayPath: 'vanished.txt' });
    expect(outcome).toEqual({ kind: 'skipped', skipped: { path: 'vanished.txt', reason: 'could not be read: not found' } });
  });

  it('skips a file it cannot read, and loads the rest', async () => {
    if (process.getuid?.() === 0) {
      console.log('permission sub-check skipped: running as root, which can read any file');
      return;
    }
    const locked = await write('locked.txt', 'secret');
    await write('open.txt', 'open');
    const { chmod } = await import('node:fs/promises');
    await chmod(locked, 0o000);
    const { documents, skipped } = await loadCorpus([dir]);
    expect(documents.map((d) => d.fileName)).toEqual(['open.txt']);
    expect(skipped).toEqual([{ path: 'locked.txt', reason: 'could not be read: permission denied' }]);
  });

  it('loads 1,000 files with progress reaching the total', async () => {
    for (let i = 0; i < 1000; i++) await write(`bulk/${String(i).padStart(4, '0')}.txt`, `Article ${i}\nBody ${i}`);
    const calls: [number, number][] = [];
    const { documents } = await loadCorpus([dir], (done, total) => calls.push([done, total]));
    expect(documents).toHaveLength(1000);
    expect(documents[0]?.title).toBe('Article 0');
    expect(calls[0]).toEqual([0, 1000]);
    expect(calls.at(-1)).toEqual([1000, 1000]);
    expect(calls.every(([done, total], i) => total === 1000 && (i === 0 || done === (calls[i - 1]?.[0] ?? 0) + 1))).toBe(true);
  });
});

describe('loadCorpus on hostile folders', () => {
  const SECRET = '-----BEGIN OPENSSH PRIVATE KEY----- not-a-real-key-but-secret';
  const fifos: string[] = [];
  afterEach(() => {
    // If a regression opens a FIFO blocking, give the stuck read its end-of-file.
    for (const fifo of fifos.splice(0)) releaseFifo(fifo);
  });

  /** loadCorpus, failing (instead of hanging the suite) if it has not finished within 20 s. */
  async function loadOrHang(...args: Parameters<typeof loadCorpus>): Promise<CorpusLoadResult> {
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the load did not finish within 20 s: it hung')), 20_000);
    });
    return Promise.race([loadCorpus(...args), hung]).finally(() => clearTimeout(timer));
  }

  it('skips links to files and folders outside the opened folder, and reads none of them', async () => {
    const outside = join(dir, 'outside');
    await write('outside/id_rsa', SECRET);
    await write('outside/notes/secret.txt', SECRET);
    await write('corpus/article.txt', 'Harbour report\n\nForty boats left on Monday.');
    await write('corpus/archive/2024.txt', 'Archived report');
    await symlink(join(outside, 'id_rsa'), join(dir, 'corpus', 'appendix.txt'));
    await symlink(join(outside, 'notes'), join(dir, 'corpus', 'more'));
    await symlink('/proc/self/environ', join(dir, 'corpus', 'environment.txt'));
    // A link that stays inside the folder is read (here it duplicates its target).
    await symlink(join(dir, 'corpus', 'archive', '2024.txt'), join(dir, 'corpus', 'current.txt'));

    const { documents, skipped } = await loadOrHang([join(dir, 'corpus')]);
    expect(JSON.stringify(documents)).not.toContain('OPENSSH');
    expect(documents.map((d) => d.path)).toEqual(['archive/2024.txt', 'article.txt']);
    expect(skipped).toEqual([
      { path: 'appendix.txt', reason: `link to a file outside the opened folder (${await realpath(join(outside, 'id_rsa'))})` },
      { path: 'environment.txt', reason: expect.stringMatching(/^link to a file outside the opened folder \(\/proc\/\d+\/environ\)$/) },
      { path: 'more', reason: `link to a folder outside the opened folder (${await realpath(join(outside, 'notes'))})` },
      { path: 'current.txt', reason: 'same text as archive/2024.txt' },
    ]);
  });

  it.runIf(process.platform === 'linux')('refuses a named file that is a link to a kernel file (/proc/self/environ)', async () => {
    await symlink('/proc/self/environ', join(dir, 'environment.txt'));
    const { documents, skipped } = await loadOrHang([join(dir, 'environment.txt')]);
    expect(documents).toEqual([]);
    expect(skipped).toEqual([{ path: join(dir, 'environment.txt'), reason: 'not a regular file (a kernel pseudo-file in procfs)' }]);
  });

  it('lists a FIFO named like an article as skipped, and finishes the load', async () => {
    await write('corpus/article.txt', 'Harbour report');
    fifos.push(mkfifo(join(dir, 'corpus', 'x.txt')));
    const { documents, skipped } = await loadOrHang([join(dir, 'corpus')]);
    expect(documents.map((d) => d.path)).toEqual(['article.txt']);
    expect(skipped).toEqual([{ path: 'x.txt', reason: 'not a regular file (a FIFO (named pipe))' }]);
  });

  it('skips a FIFO swapped in for an article after discovery, and finishes the load', async () => {
    await write('corpus/a-first.txt', 'First article');
    await write('corpus/swapped.txt', 'About to be replaced');
    await write('corpus/z-last.txt', 'Last article');
    const fifo = mkfifo(join(dir, 'prepared-fifo'));
    const target = join(dir, 'corpus', 'swapped.txt');
    fifos.push(target);
    let swapped = false;
    // The first progress report comes after discovery and before any file is opened: the race
    // window. The rename is atomic, as an attacker's would be.
    const swapAfterDiscovery = (done: number) => {
      if (done !== 0 || swapped) return;
      renameSync(fifo, target);
      swapped = true;
    };
    const { documents, skipped } = await loadOrHang([join(dir, 'corpus')], swapAfterDiscovery);
    expect(swapped).toBe(true);
    expect(documents.map((d) => d.path)).toEqual(['a-first.txt', 'z-last.txt']);
    expect(skipped).toEqual([{ path: 'swapped.txt', reason: 'not a regular file (a FIFO (named pipe))' }]);
  });
});
