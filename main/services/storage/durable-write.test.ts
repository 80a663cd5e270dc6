// The verified write path on a real, tiny file system (a 64 kB tmpfs): a write that does not fit
// fails with "the disk is full" and leaves the old file exactly as it was. Mounting needs root;
// elsewhere these cases say why and are skipped (the rest runs anywhere).
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SmallDisk, mountSmallDisk } from '../../../tests/support/small-disk';
import { makeTempDir } from '../test-support';
import { WriteError, appendToFile, replaceFile, replaceFileSync } from './durable-write';

const disk = await mountSmallDisk(64);
const unavailable = 'unavailable' in disk ? disk.unavailable : null;
if (unavailable) console.warn(`[durable-write] full-disk cases skipped: ${unavailable}`);
afterAll(async () => {
  if (!unavailable) await (disk as SmallDisk).unmount();
});

describe('replaceFile and appendToFile', () => {
  it('write, fsync and read back a file (0600), replacing the old one atomically', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const path = join(dir, 'snapshot.json');
      await replaceFile(path, 'first');
      await replaceFile(path, 'second, longer');
      expect(await readFile(path, 'utf8')).toBe('second, longer');
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      replaceFileSync(path, 'third');
      expect(await readFile(path, 'utf8')).toBe('third');
      expect(await readdir(dir)).toEqual(['snapshot.json']);
      expect(await appendToFile(join(dir, 'j'), 'a\n', 0)).toBe(2);
      expect(await appendToFile(join(dir, 'j'), 'b\n', 2)).toBe(4);
      expect(await readFile(join(dir, 'j'), 'utf8')).toBe('a\nb\n');
    } finally {
      await cleanup();
    }
  });

  it('refuses to append when the file is not the size the caller knows (another writer)', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const path = join(dir, 'j');
      await appendToFile(path, 'a\n', 0);
      await writeFile(path, 'a\nforeign\n');
      await expect(appendToFile(path, 'b\n', 2)).rejects.toThrow(/changed on disk/);
      expect(await readFile(path, 'utf8')).toBe('a\nforeign\n');
    } finally {
      await cleanup();
    }
  });
});

describe.skipIf(unavailable !== null)('on a full disk (64 kB tmpfs)', () => {
  const dir = () => (disk as SmallDisk).dir;

  it('a replacement that does not fit fails with "the disk is full" and leaves the old file and no temp file', async () => {
    const path = join(dir(), 'snapshot.json');
    await replaceFile(path, 'x'.repeat(20_000));
    const error = await replaceFile(path, 'y'.repeat(60_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteError);
    expect((error as WriteError).code).toBe('ENOSPC');
    expect((error as Error).message).toMatch(/^the disk is full \(writing .*snapshot\.json\)$/);
    expect(await readFile(path, 'utf8')).toBe('x'.repeat(20_000));
    expect(() => replaceFileSync(path, 'z'.repeat(60_000))).toThrow(/^the disk is full/);
    expect(await readFile(path, 'utf8')).toBe('x'.repeat(20_000));
    expect(await readdir(dir())).toEqual(['snapshot.json']);
  });

  it('an append that does not fit fails and cuts the file back to where it was', async () => {
    const path = join(dir(), 'journal');
    const size = await appendToFile(path, 'line\n', 0);
    await expect(appendToFile(path, 'z'.repeat(60_000), size)).rejects.toThrow(/^the disk is full/);
    expect(await readFile(path, 'utf8')).toBe('line\n');
  });
});
