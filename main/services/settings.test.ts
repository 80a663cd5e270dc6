import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/api';

/** The analyst id made once, at the first opening. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
import { NoticeBoard } from './notices';
import type { SettingsBackend } from './service-types';
import { openSettings } from './settings';
import { makeTempDir } from './test-support';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const clock = (): Date => new Date('2026-03-14T10:11:12.345Z');
const configPath = (): string => join(dir, 'config.json');

/** The real `conf` backend, as the browser host uses it. */
function confBackend(): SettingsBackend {
  return new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', projectName: 'marginalia', clearInvalidConfig: false });
}

function open(notices = new NoticeBoard(clock)) {
  return { settings: openSettings(confBackend, notices, { configPath: configPath(), clock }), notices };
}

async function readConfig(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(configPath(), 'utf8'));
}

describe('settings', () => {
  it('starts from defaults on first run and persists changes in config.json', async () => {
    const { settings, notices } = open();
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, analystId: expect.stringMatching(UUID) });
    expect(settings.path).toBe(configPath());
    settings.update({ analystName: '  Ada Analyst ', wordSnap: false });
    expect(await readConfig()).toMatchObject({ analystName: 'Ada Analyst', wordSnap: false });
    expect(open().settings.get()).toMatchObject({ analystName: 'Ada Analyst', wordSnap: false });
    expect(notices.list()).toEqual([]);
  });

  for (const [kind, content] of [
    ['invalid JSON', '{"analystName": "Ada",'],
    ['empty', ''],
    ['not an object', '["a", "b"]'],
  ] as const) {
    it(`moves a config.json that is ${kind} aside, says so, and uses defaults`, async () => {
      await writeFile(configPath(), content);
      const { settings, notices } = open();
      expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, analystId: expect.stringMatching(UUID) });
      const moved = (await readdir(dir)).filter((n) => n.startsWith('config.json.corrupt-'));
      expect(moved).toEqual(['config.json.corrupt-2026-03-14T10-11-12-345Z']);
      expect(await readFile(join(dir, moved[0] ?? ''), 'utf8')).toBe(content);
      expect(notices.list()[0]?.message).toContain(`moved to ${join(dir, moved[0] ?? '')}`);
      settings.update({ analystName: 'Ada' });
      expect(await readConfig()).toMatchObject({ analystName: 'Ada' });
    });
  }

  it('never clears an unparsable file, even when it cannot tell where the file is', async () => {
    await writeFile(configPath(), '{broken');
    expect(() => openSettings(confBackend, new NoticeBoard(clock), { clock })).toThrow(/Could not open the settings/);
    expect(await readFile(configPath(), 'utf8')).toBe('{broken');
  });

  it('keeps keys it does not know (windowBounds) and drops invalid fields with a notice', async () => {
    const bounds = { x: 10, y: 20, width: 1200, height: 800 };
    const original = JSON.stringify({ windowBounds: bounds, analystName: 42, wordSnap: 'yes', recentFolders: ['/a', 7, '/b'], openSources: ['/a'] });
    await writeFile(configPath(), original);
    const { settings, notices } = open();
    expect(settings.get()).toEqual({ analystName: null, analystId: expect.stringMatching(UUID), wordSnap: true, recentFolders: ['/a', '/b'], openSources: ['/a'], layout: DEFAULT_SETTINGS.layout, theme: DEFAULT_SETTINGS.theme, tourDone: DEFAULT_SETTINGS.tourDone });
    // The repair rewrites the file, so the original bytes are kept beside it first.
    const kept = join(dir, 'config.json.corrupt-2026-03-14T10-11-12-345Z');
    expect(await readFile(kept, 'utf8')).toBe(original);
    const message = notices.list()[0]?.message ?? '';
    expect(message).toContain(`The original file was kept as ${kept}`);
    expect(message).toMatch(/analystName/);
    expect(message).toMatch(/wordSnap/);
    expect(message).toMatch(/recentFolders/);
    settings.update({ wordSnap: false });
    expect(await readConfig()).toEqual({ windowBounds: bounds, analystName: null, analystId: settings.get().analystId, wordSnap: false, recentFolders: ['/a', '/b'], openSources: ['/a'], layout: DEFAULT_SETTINGS.layout, theme: DEFAULT_SETTINGS.theme, tourDone: DEFAULT_SETTINGS.tourDone });
  });

  it('makes the analyst id once and keeps it across restarts and name changes', async () => {
    const { settings } = open();
    const id = settings.get().analystId;
    expect(id).toMatch(UUID);
    settings.update({ analystName: 'Ana' });
    const { settings: again } = open();
    expect(again.get()).toMatchObject({ analystId: id, analystName: 'Ana' });
    again.update({ analystName: 'Ana Lima' });
    expect(open().settings.get()).toMatchObject({ analystId: id, analystName: 'Ana Lima' });
  });

  it('keeps keys another writer added while it was open', async () => {
    const { settings } = open();
    const other = confBackend(); // e.g. electron-store saving window bounds
    other.store = { ...other.store, windowBounds: { width: 900 } };
    settings.update({ analystName: 'Ada' });
    expect(await readConfig()).toMatchObject({ windowBounds: { width: 900 }, analystName: 'Ada' });
  });

  it('keeps the 10 most recent folders, newest first, and the open sources', () => {
    const { settings } = open();
    for (let i = 1; i <= 12; i++) settings.recordOpened([`/f${i}`], [`/f${i}`]);
    settings.recordOpened(['/f5', '/file.txt'], ['/f5']);
    const { recentFolders, openSources } = open().settings.get();
    expect(recentFolders).toEqual(['/f5', '/f12', '/f11', '/f10', '/f9', '/f8', '/f7', '/f6', '/f4', '/f3']);
    expect(openSources).toEqual(['/f5', '/file.txt']);
  });

  it('rejects an invalid patch with a readable message and changes nothing', () => {
    const { settings } = open();
    expect(() => settings.update({ analystName: '   ' })).toThrow(/Invalid settings change \(analystName: /);
    expect(() => settings.update({ recentFolders: [] } as never)).toThrow(/Invalid settings change/);
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, analystId: expect.stringMatching(UUID) });
  });

  it('accepts the one-object form used by the hosts', async () => {
    const settings = openSettings({ dataDir: dir, createBackend: confBackend, clock });
    settings.update({ analystName: 'Ada' });
    expect(settings.notices).toBeInstanceOf(NoticeBoard);
    expect(await readConfig()).toMatchObject({ analystName: 'Ada' });
  });
});
