// The shortcut table against the key handlers: every key a handler reacts to is in the table
// (and so on the sheet), every table entry reaches its handler, and no two entries of a scope
// share a key.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type AppShortcutId, type ShortcutHandlers, appShortcutActions } from '../app/app-shortcuts';
import { type KeyChord, type KeyEventLike, SCOPE_TITLES, SHORTCUTS, type ShortcutDef, type ShortcutScope, chordLabel, chordMatches, shortcutFor } from './shortcuts';

const ROOT = resolve(import.meta.dirname, '../../..');
const TABLE = SHORTCUTS as readonly ShortcutDef[];

/** A keyboard event as a chord would make it (Ctrl for mod). */
function eventOf(chord: KeyChord): KeyEventLike {
  const shift = chord.shift === true;
  const key = shift && chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
  return { key, code: /^\d$/.test(chord.key) ? `Digit${chord.key}` : '', ctrlKey: chord.mod ?? false, metaKey: false, shiftKey: shift, altKey: chord.alt ?? false };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the shortcut table', () => {
  it('has unique ids, a section for every scope and an action for every entry', () => {
    expect(new Set(TABLE.map((s) => s.id)).size).toBe(TABLE.length);
    for (const shortcut of TABLE) {
      expect(Object.keys(SCOPE_TITLES)).toContain(shortcut.scope);
      expect(shortcut.action.length).toBeGreaterThan(3);
      expect(shortcut.chords.length).toBeGreaterThan(0);
    }
  });

  it('maps every chord back to its own entry: no two entries of a scope share a key', () => {
    for (const shortcut of TABLE) {
      for (const chord of shortcut.chords) {
        expect(shortcutFor(eventOf(chord), shortcut.scope), `${chordLabel(chord, false)} in ${shortcut.scope}`).toBe(shortcut.id);
      }
    }
  });

  it('tells modifiers apart: Shift+Alt+→ moves an end, → alone does nothing in the app scope', () => {
    expect(shortcutFor(eventOf({ key: 'ArrowRight', shift: true, alt: true }), 'app')).toBe('end-later');
    expect(shortcutFor(eventOf({ key: 'ArrowRight' }), 'app')).toBeNull();
    expect(shortcutFor(eventOf({ key: 'ArrowRight', shift: true }), 'app')).toBeNull();
    expect(shortcutFor(eventOf({ key: 'z', mod: true, shift: true }), 'app')).toBe('redo');
    expect(shortcutFor({ ...eventOf({ key: 'z', mod: true }), ctrlKey: false, metaKey: true }, 'app')).toBe('undo');
    // `?` is typed with Shift on most layouts; digits by their physical key on any layout.
    expect(shortcutFor({ ...eventOf({ key: '?' }), shiftKey: true }, 'app')).toBe('help');
    expect(shortcutFor({ ...eventOf({ key: '&' }), code: 'Digit1', shiftKey: false }, 'app')).toBe('tag-claim');
  });

  it('runs the right handler for every app shortcut, and the handlers cover exactly the app entries', () => {
    const handlers: ShortcutHandlers = {
      tag: vi.fn(),
      deleteSelected: vi.fn(() => true),
      undo: vi.fn(),
      redo: vi.fn(),
      clearSelection: vi.fn(() => true),
      moveBoundary: vi.fn(() => true),
      showHelp: vi.fn(),
    };
    const actions = appShortcutActions(handlers);
    const appIds = TABLE.filter((s) => s.scope === 'app').map((s) => s.id);
    expect(Object.keys(actions).sort()).toEqual([...appIds].sort());
    const expected: Record<AppShortcutId, [keyof ShortcutHandlers, unknown[]]> = {
      'tag-claim': ['tag', ['claim']],
      'tag-source': ['tag', ['source']],
      'tag-figure': ['tag', ['figure']],
      'tag-place': ['tag', ['place']],
      undo: ['undo', []],
      redo: ['redo', []],
      delete: ['deleteSelected', []],
      'end-later': ['moveBoundary', ['end', 1]],
      'end-earlier': ['moveBoundary', ['end', -1]],
      'start-earlier': ['moveBoundary', ['start', -1]],
      'start-later': ['moveBoundary', ['start', 1]],
      'clear-selection': ['clearSelection', []],
      help: ['showHelp', []],
    };
    for (const shortcut of TABLE.filter((s) => s.scope === 'app')) {
      for (const chord of shortcut.chords) {
        vi.clearAllMocks();
        const id = shortcutFor(eventOf(chord), 'app') as AppShortcutId;
        expect(actions[id]()).toBe(true);
        const [handler, args] = expected[id];
        expect(handlers[handler]).toHaveBeenCalledWith(...args);
      }
    }
  });

  it('lists every key that a handler in the renderer compares against', () => {
    const keys = new Set(TABLE.flatMap((s) => s.chords.map((c) => c.key.toLowerCase())));
    const missing: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'renderer/src'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\b(?:event|e|ev|keyEvent)\.key\s*[!=]==?\s*'([^']+)'/g)) {
        const key = match[1] as string;
        if (!keys.has(key.toLowerCase())) missing.push(`${file.slice(ROOT.length + 1)}: '${key}'`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists every accelerator of the desktop menu', () => {
    const menu = readFileSync(join(ROOT, 'main/electron/menu.ts'), 'utf8');
    const accelerators = [...menu.matchAll(/accelerator:\s*'([^']+)'/g)].map((m) => m[1] as string);
    expect(accelerators.length).toBeGreaterThan(0);
    for (const accelerator of accelerators) {
      const parts = accelerator.split('+');
      const key = (parts.at(-1) as string).toLowerCase();
      const chord: KeyChord = { key, mod: parts.includes('CmdOrCtrl') || parts.includes('CommandOrControl'), shift: parts.includes('Shift'), alt: parts.includes('Alt') };
      const scopes: ShortcutScope[] = ['desktop'];
      expect(scopes.some((scope) => shortcutFor(eventOf(chord), scope) !== null), accelerator).toBe(true);
    }
  });

  it('writes chords as they are on the keyboard', () => {
    expect(chordLabel({ key: 'ArrowRight', shift: true, alt: true }, false)).toBe('Shift+Alt+→');
    expect(chordLabel({ key: 'z', mod: true, shift: true }, false)).toBe('Ctrl+Shift+Z');
    expect(chordLabel({ key: 'z', mod: true }, true)).toBe('⌘+Z');
    expect(chordMatches({ key: '1', shift: 'any' }, { key: '!', code: 'Digit1', ctrlKey: false, metaKey: false, shiftKey: true, altKey: false })).toBe(true);
  });
});
