// Folder completion for the browser host's Open folder field, on real temp folders: `~` is the
// home folder, only folders are offered (never files, and no file is opened), hidden ones only when
// asked for, kernel folders never, and the answer stays bounded in a very large folder.
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeFolder, expandHome } from './path-completion';
import { makeTempDir } from './test-support';

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: home, cleanup } = await makeTempDir('marginalia-home-'));
  for (const folder of ['articles', 'Archive', 'art-2026', 'notes', '.secret', 'articles/kharkiv', 'articles/odesa']) await mkdir(join(home, folder), { recursive: true });
  await writeFile(join(home, 'article.txt'), 'a file, not a folder');
  await writeFile(join(home, 'articles', 'index.md'), 'also a file');
  await symlink(join(home, 'articles'), join(home, 'art-link'));
  await symlink(join(home, 'article.txt'), join(home, 'art-file-link'));
});
afterEach(async () => cleanup());

describe('expandHome', () => {
  it('expands ~ and ~/… only', () => {
    expect(expandHome('~', '/home/ana')).toBe('/home/ana');
    expect(expandHome('~/articles', '/home/ana')).toBe('/home/ana/articles');
    expect(expandHome('~/', '/home/ana')).toBe('/home/ana/');
    expect(expandHome('~/articles/', '/home/ana')).toBe('/home/ana/articles/');
    expect(expandHome('/srv/~/x', '/home/ana')).toBe('/srv/~/x');
    expect(expandHome('~ben/x', '/home/ana')).toBe('~ben/x');
  });
});

describe('completeFolder', () => {
  it('completes the last part of a ~ path with folders only (links to folders too), case-insensitively, exact case first', async () => {
    const result = await completeFolder('~/ar', { home });
    expect(result.expanded).toBe(join(home, 'ar'));
    expect(result.folders).toEqual([join(home, 'art-2026'), join(home, 'art-link'), join(home, 'articles'), join(home, 'Archive')]);
    expect(result.more).toBe(false);
  });

  it('lists the subfolders of a path ending with a slash, never the files in it', async () => {
    expect((await completeFolder(`${home}/articles/`, { home })).folders).toEqual([join(home, 'articles', 'kharkiv'), join(home, 'articles', 'odesa')]);
    expect((await completeFolder('~/', { home })).folders).not.toContain(join(home, 'article.txt'));
  });

  it('offers hidden folders only when the typed part starts with a dot', async () => {
    expect((await completeFolder('~/', { home })).folders).not.toContain(join(home, '.secret'));
    expect((await completeFolder('~/.s', { home })).folders).toEqual([join(home, '.secret')]);
  });

  it('answers nothing for relative paths, missing folders, files, unreadable folders and kernel folders', async () => {
    expect((await completeFolder('articles', { home })).folders).toEqual([]);
    expect((await completeFolder('~/missing/', { home })).folders).toEqual([]);
    expect((await completeFolder('~/article.txt/', { home })).folders).toEqual([]);
    expect((await completeFolder('/proc/', { home })).folders).toEqual([]);
    expect((await completeFolder('/proc/se', { home })).folders).toEqual([]);
    expect((await completeFolder('/sys/', { home })).folders).toEqual([]);
    expect((await completeFolder('/pr', { home })).folders).not.toContain('/proc');
    await mkdir(join(home, 'locked', 'inside'), { recursive: true });
    await chmod(join(home, 'locked'), 0o000);
    try {
      if (process.getuid?.() !== 0) expect((await completeFolder('~/locked/', { home })).folders).toEqual([]);
    } finally {
      await chmod(join(home, 'locked'), 0o700);
    }
  });

  it('stays bounded: at most `limit` folders, and at most `maxScanned` entries of a large folder looked at', async () => {
    const big = join(home, 'big');
    await mkdir(big);
    for (let i = 0; i < 120; i++) await mkdir(join(big, `case-${String(i).padStart(3, '0')}`));
    const limited = await completeFolder(`${big}/case-`, { home });
    expect(limited.folders).toHaveLength(50);
    expect(limited.folders[0]).toBe(join(big, 'case-000'));
    expect(limited.more).toBe(true);
    const scanned = await completeFolder(`${big}/`, { home, maxScanned: 30, limit: 100 });
    expect(scanned.folders.length).toBeLessThanOrEqual(30);
    expect(scanned.more).toBe(true);
  });
});
