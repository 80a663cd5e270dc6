// The window's panel layout and colour theme are settings: saved in config.json, restored at
// the next start, and repaired to their defaults (with a notice) when the file holds nonsense.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PANEL_LAYOUT, DEFAULT_SETTINGS } from '../../shared/api';
import { NoticeBoard } from './notices';
import { openSettings } from './settings';
import { makeTempDir } from './test-support';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const clock = (): Date => new Date('2026-03-14T10:11:12.345Z');
const open = (notices = new NoticeBoard(clock)) => ({ settings: openSettings({ dataDir: dir, notices, clock }), notices });

describe('layout and theme settings', () => {
  it('default to both panels shown at their default widths, following the system theme', () => {
    const { settings } = open();
    expect(settings.get().layout).toEqual(DEFAULT_PANEL_LAYOUT);
    expect(settings.get().theme).toBe('system');
    expect(DEFAULT_SETTINGS.layout).toEqual({ left: 260, right: 320, leftCollapsed: false, rightCollapsed: false });
  });

  it('are saved in config.json and restored at the next start', async () => {
    const layout = { left: 312, right: 228, leftCollapsed: true, rightCollapsed: false };
    open().settings.update({ layout, theme: 'dark' });
    const onDisk = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ layout, theme: 'dark' });
    const { settings } = open();
    expect(settings.get()).toMatchObject({ layout, theme: 'dark' });
  });

  it('refuse a layout that is not whole pixels in range, or a theme it does not know', () => {
    const { settings } = open();
    expect(() => settings.update({ layout: { ...DEFAULT_PANEL_LAYOUT, left: 12.5 } })).toThrow(/layout/);
    expect(() => settings.update({ layout: { ...DEFAULT_PANEL_LAYOUT, right: 5 } })).toThrow(/layout/);
    // @ts-expect-error: not a theme
    expect(() => settings.update({ theme: 'sepia' })).toThrow(/theme/);
    expect(settings.get()).toMatchObject({ layout: DEFAULT_PANEL_LAYOUT, theme: 'system' });
  });

  it('fall back to the defaults with a notice when config.json holds invalid values', async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ analystName: 'Ada', layout: { left: 'wide' }, theme: 'sepia' }));
    const { settings, notices } = open();
    expect(settings.get()).toMatchObject({ analystName: 'Ada', layout: DEFAULT_PANEL_LAYOUT, theme: 'system' });
    const message = notices.list()[0]?.message ?? '';
    expect(message).toMatch(/layout/);
    expect(message).toMatch(/theme/);
  });
});
