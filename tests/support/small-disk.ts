// A real small file system for full-disk tests: a tmpfs of a few hundred kB, mounted for the
// test (CI runs as root). Where mounting is impossible, says why so the test can skip and print it.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  unmount(): Promise<void>;
}

export async function mountSmallDisk(kilobytes: number): Promise<SmallDisk | { unavailable: string }> {
  if (process.platform !== 'linux') return { unavailable: `mounting a tmpfs needs Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { unavailable: 'mounting a tmpfs needs root (CI runs as root; run as root to include this test)' };
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-small-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k,mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    return { unavailable: `mount -t tmpfs failed: ${(mounted.stderr || mounted.error?.message || `status ${mounted.status}`).trim()}` };
  }
  return {
    dir,
    async unmount() {
      spawnSync('umount', ['-l', dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the disk with a ballast file until at most `leaveBytes` remain; returns its path. */
export async function fillDisk(dir: string, leaveBytes: number): Promise<string> {
  const path = join(dir, 'ballast.bin');
  const { statfs, writeFile } = await import('node:fs/promises');
  const info = await statfs(dir);
  const free = Number(info.bavail) * Number(info.bsize);
  await writeFile(path, Buffer.alloc(Math.max(0, free - leaveBytes)));
  return path;
}

export async function ensureDir(path: string): Promise<string> {
  await mkdir(path, { recursive: true });
  return path;
}
