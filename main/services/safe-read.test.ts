// readRegularFile on real temp files, links, FIFOs, sockets, devices and kernel files.
import { readdirSync } from 'node:fs';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeReadError, readRegularFile } from './safe-read';
import { makeTempDir } from './test-support';
import { mkfifo, releaseFifo } from '../../tests/support/special-files';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('marginalia-safe-read-')));
afterEach(() => cleanup());

const MB = 1024 * 1024;
const limits = { maxBytes: 10 * MB };

/** Resolves with what readRegularFile threw, failing if it read the file or took over 20 s (a hang). */
async function refusal(path: string, options: Parameters<typeof readRegularFile>[1] = limits): Promise<SafeReadError> {
  let hung: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    readRegularFile(path, options).then(
      (bytes) => ({ read: bytes }),
      (error: unknown) => ({ error }),
    ),
    new Promise<{ hung: true }>((done) => (hung = setTimeout(() => done({ hung: true }), 20_000))),
  ]).finally(() => clearTimeout(hung));
  if ('hung' in outcome) throw new Error(`readRegularFile(${path}) did not return within 20 s`);
  if ('read' in outcome) throw new Error(`readRegularFile(${path}) read ${outcome.read.length} bytes instead of refusing`);
  if (!(outcome.error instanceof SafeReadError)) throw outcome.error;
  return outcome.error;
}

describe('readRegularFile', () => {
  it('reads a regular file whole, including one larger than a first read', async () => {
    const text = 'Harbour report\n'.repeat(50_000);
    await writeFile(join(dir, 'a.txt'), text);
    expect((await readRegularFile(join(dir, 'a.txt'), limits)).toString('utf8')).toBe(text);
    await writeFile(join(dir, 'empty.txt'), '');
    expect(await readRegularFile(join(dir, 'empty.txt'), limits)).toHaveLength(0);
  });

  it('refuses a symlink, even to a harmless file in the same folder', async () => {
    await writeFile(join(dir, 'real.txt'), 'real');
    await symlink(join(dir, 'real.txt'), join(dir, 'link.txt'));
    const error = await refusal(join(dir, 'link.txt'));
    expect(error.kind).toBe('symlink');
    expect(error.message).toBe(`${join(dir, 'link.txt')} is a symbolic link; refused`);
    // ...unless the caller asks to follow it.
    expect((await readRegularFile(join(dir, 'link.txt'), { ...limits, noFollow: false })).toString()).toBe('real');
  });

  it('refuses a FIFO at once, with no writer and without hanging', async () => {
    const fifo = mkfifo(join(dir, 'pipe.txt'));
    try {
      const error = await refusal(fifo);
      expect(error.kind).toBe('not-regular');
      expect(error.message).toBe(`${fifo} is a FIFO (named pipe), not a regular file; refused`);
      // Following a link to a FIFO is no way round it.
      await symlink(fifo, join(dir, 'to-pipe.txt'));
      expect((await refusal(join(dir, 'to-pipe.txt'), { ...limits, noFollow: false })).kind).toBe('not-regular');
    } finally {
      releaseFifo(fifo); // only matters if a regression left a blocking open behind
    }
  });

  it('refuses a folder, a character device and a socket, naming what each is', async () => {
    await mkdir(join(dir, 'folder.txt'));
    expect((await refusal(join(dir, 'folder.txt'))).reason).toBe('is a folder, not a regular file; refused');
    expect((await refusal('/dev/null')).reason).toBe('is a character device, not a regular file; refused');
    const socketPath = join(dir, 'sock.txt');
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(socketPath, done));
    try {
      expect((await refusal(socketPath)).reason).toBe('is a socket, not a regular file; refused');
    } finally {
      server.close();
    }
  });

  it.runIf(process.platform === 'linux')('refuses kernel files, which fstat calls regular (/proc/self/environ, /sys)', async () => {
    const environ = await refusal('/proc/self/environ');
    expect(environ.kind).toBe('kernel-file');
    expect(environ.message).toBe('/proc/self/environ is a kernel pseudo-file (procfs), not a regular file; refused');
    const sysFile = readdirSync('/sys/kernel', { withFileTypes: true }).find((e) => e.isFile());
    if (sysFile) expect((await refusal(join('/sys/kernel', sysFile.name))).reason).toMatch(/kernel pseudo-file \(sysfs\)/);
  });

  it('refuses a file over the limit before reading it', async () => {
    await writeFile(join(dir, 'huge.txt'), '');
    await truncate(join(dir, 'huge.txt'), 11 * MB); // sparse: costs no disk
    const error = await refusal(join(dir, 'huge.txt'));
    expect(error.kind).toBe('too-large');
    expect(error.reason).toBe('is larger than the 10.0 MB limit (11.0 MB); refused');
    expect(error.details).toEqual({ size: 11 * MB, limit: 10 * MB });
  });

  it('refuses a file whose real place is outside `within`, even through a linked parent folder', async () => {
    await mkdir(join(dir, 'corpus'));
    await mkdir(join(dir, 'outside'));
    await writeFile(join(dir, 'outside', 'secret.txt'), 'SECRET');
    await writeFile(join(dir, 'corpus', 'inside.txt'), 'inside');
    await symlink(join(dir, 'outside'), join(dir, 'corpus', 'swapped'));
    // The last component is not a link, so O_NOFOLLOW alone would let this through.
    const error = await refusal(join(dir, 'corpus', 'swapped', 'secret.txt'), { ...limits, within: join(dir, 'corpus') });
    expect(error.kind).toBe('outside');
    expect(error.reason).toBe(`lies outside ${join(dir, 'corpus')} (it is ${join(dir, 'outside', 'secret.txt')}); refused`);
    expect((await readRegularFile(join(dir, 'corpus', 'inside.txt'), { ...limits, within: join(dir, 'corpus') })).toString()).toBe('inside');
  });

  it('passes on ordinary errors such as a missing file unwrapped', async () => {
    await expect(readRegularFile(join(dir, 'missing.txt'), limits)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.runIf(process.platform === 'linux')('gives up after timeoutMs, and closes the descriptor once the read returns', async () => {
    await writeFile(join(dir, 'big.txt'), '');
    await truncate(join(dir, 'big.txt'), 40 * MB); // reading 40 MB takes well over 1 ms
    const openFds = () => readdirSync('/proc/self/fd').length;
    const before = openFds();
    const error = await refusal(join(dir, 'big.txt'), { maxBytes: 50 * MB, timeoutMs: 1 });
    expect(error.kind).toBe('timeout');
    expect(error.reason).toBe('was not read within 1 ms; gave up');
    for (let i = 0; i < 200 && openFds() > before; i++) await new Promise((r) => setTimeout(r, 25));
    expect(openFds()).toBe(before);
  });
});
