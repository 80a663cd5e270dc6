// Every key the app handles, in one table. The key handlers look their keys up here
// (shortcutFor), and the keyboard shortcut sheet (`?`) lists this table, so the two cannot
// drift apart; shortcuts.test.ts checks the table against the handlers.
import { TAGS } from '../../../shared/model';

/** Where a key works. */
export type ShortcutScope =
  /** Anywhere in the window, except while typing in a text field, a dialog or a menu. */
  | 'app'
  /** While the review queue is open. */
  | 'review'
  /** In the Reason and Comment boxes of a review. */
  | 'review-form'
  /** In the menu that offers each of several overlapping annotations. */
  | 'menu'
  /** On a focused end handle of the selected annotation. */
  | 'handle'
  /** In the article text (the browser's own selection keys). */
  | 'article'
  /** Moving between the parts of the window. */
  | 'regions'
  /** On a focused panel separator. */
  | 'separator'
  /** The desktop app's menu. */
  | 'desktop';

export interface KeyChord {
  /** KeyboardEvent.key; letters in lower case. */
  key: string;
  /** Ctrl, or ⌘ on macOS. */
  mod?: boolean;
  /** true: Shift must be down; false (default): must not be; 'any': either (e.g. `?`, typed with Shift on most layouts). */
  shift?: boolean | 'any';
  alt?: boolean;
}

export interface ShortcutDef {
  readonly id: string;
  readonly scope: ShortcutScope;
  readonly chords: readonly KeyChord[];
  /** What the key does, as the sheet says it. */
  readonly action: string;
}

const tagShortcuts = TAGS.map(
  (tag) =>
    ({
      id: `tag-${tag.type}`,
      scope: 'app',
      chords: [{ key: tag.key, shift: 'any' }],
      action: `Tag the selected text as ${tag.label.toLowerCase()}; with no text selected, retag the selected annotation`,
    }) as const,
);

export const SHORTCUTS = [
  ...tagShortcuts,
  { id: 'undo', scope: 'app', chords: [{ key: 'z', mod: true }], action: 'Undo' },
  { id: 'redo', scope: 'app', chords: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }], action: 'Redo' },
  { id: 'delete', scope: 'app', chords: [{ key: 'Delete' }], action: 'Delete the selected annotation' },
  { id: 'end-later', scope: 'app', chords: [{ key: 'ArrowRight', shift: true, alt: true }], action: 'Move the end of the selected annotation one word later' },
  { id: 'end-earlier', scope: 'app', chords: [{ key: 'ArrowLeft', shift: true, alt: true }], action: 'Move the end of the selected annotation one word earlier' },
  { id: 'start-earlier', scope: 'app', chords: [{ key: 'ArrowUp', shift: true, alt: true }], action: 'Move the start of the selected annotation one word earlier' },
  { id: 'start-later', scope: 'app', chords: [{ key: 'ArrowDown', shift: true, alt: true }], action: 'Move the start of the selected annotation one word later' },
  { id: 'clear-selection', scope: 'app', chords: [{ key: 'Escape' }], action: 'Deselect the selected annotation' },
  { id: 'help', scope: 'app', chords: [{ key: '?', shift: 'any' }], action: 'Show this list of keyboard shortcuts' },

  { id: 'select-text', scope: 'article', chords: [{ key: 'ArrowLeft', shift: true }, { key: 'ArrowRight', shift: true }, { key: 'ArrowUp', shift: true }, { key: 'ArrowDown', shift: true }], action: 'Select text, one character or line at a time' },
  { id: 'select-words', scope: 'article', chords: [{ key: 'ArrowLeft', shift: true, mod: true }, { key: 'ArrowRight', shift: true, mod: true }], action: 'Select text a word at a time' },

  { id: 'handle-earlier', scope: 'handle', chords: [{ key: 'ArrowLeft' }, { key: 'ArrowUp' }], action: 'Move this end one word earlier' },
  { id: 'handle-later', scope: 'handle', chords: [{ key: 'ArrowRight' }, { key: 'ArrowDown' }], action: 'Move this end one word later' },

  { id: 'menu-next', scope: 'menu', chords: [{ key: 'ArrowDown' }], action: 'Next annotation' },
  { id: 'menu-previous', scope: 'menu', chords: [{ key: 'ArrowUp' }], action: 'Previous annotation' },
  { id: 'menu-first', scope: 'menu', chords: [{ key: 'Home' }], action: 'First annotation' },
  { id: 'menu-last', scope: 'menu', chords: [{ key: 'End' }], action: 'Last annotation' },
  { id: 'menu-choose', scope: 'menu', chords: [{ key: 'Enter' }, { key: ' ' }], action: 'Select the annotation' },
  { id: 'menu-close', scope: 'menu', chords: [{ key: 'Escape' }, { key: 'Tab' }], action: 'Close the menu' },

  { id: 'review-next', scope: 'review', chords: [{ key: 'j', shift: 'any' }], action: 'Next pending item' },
  { id: 'review-previous', scope: 'review', chords: [{ key: 'k', shift: 'any' }], action: 'Previous pending item' },
  { id: 'review-accept', scope: 'review', chords: [{ key: 'a', shift: 'any' }], action: 'Accept' },
  { id: 'review-reject', scope: 'review', chords: [{ key: 'r', shift: 'any' }], action: 'Reject: type the reason' },
  { id: 'review-comment', scope: 'review', chords: [{ key: 'c', shift: 'any' }], action: 'Comment' },

  { id: 'form-submit', scope: 'review-form', chords: [{ key: 'Enter' }], action: 'Confirm the rejection, or add the comment' },
  { id: 'form-newline', scope: 'review-form', chords: [{ key: 'Enter', shift: true }], action: 'New line in a comment' },
  { id: 'form-cancel', scope: 'review-form', chords: [{ key: 'Escape' }], action: 'Cancel' },

  { id: 'next-region', scope: 'regions', chords: [{ key: 'F6' }], action: 'Move to the next part of the window (Documents, toolbar, article, Annotations…)' },
  { id: 'previous-region', scope: 'regions', chords: [{ key: 'F6', shift: true }], action: 'Move to the previous part of the window' },
  { id: 'next-control', scope: 'regions', chords: [{ key: 'Tab' }, { key: 'Tab', shift: true }], action: 'Move to the next (or previous) control' },

  { id: 'separator-resize', scope: 'separator', chords: [{ key: 'ArrowLeft' }, { key: 'ArrowRight' }], action: 'Make the panel narrower or wider' },
  { id: 'separator-min', scope: 'separator', chords: [{ key: 'Home' }], action: 'Narrowest panel' },
  { id: 'separator-max', scope: 'separator', chords: [{ key: 'End' }], action: 'Widest panel' },
  { id: 'separator-hide', scope: 'separator', chords: [{ key: 'Enter' }], action: 'Hide the panel' },

  { id: 'open-folder', scope: 'desktop', chords: [{ key: 'o', mod: true }], action: 'Open a folder' },
  { id: 'open-files', scope: 'desktop', chords: [{ key: 'o', mod: true, shift: true }], action: 'Open files' },
  { id: 'import', scope: 'desktop', chords: [{ key: 'i', mod: true }], action: 'Import annotations' },
  { id: 'export', scope: 'desktop', chords: [{ key: 'e', mod: true }], action: 'Export' },
] as const satisfies readonly ShortcutDef[];

export type Shortcut = (typeof SHORTCUTS)[number];
export type ShortcutId = Shortcut['id'];
export type ScopedShortcutId<S extends ShortcutScope> = Extract<Shortcut, { scope: S }>['id'];

/** Section titles of the sheet, in its order. */
export const SCOPE_TITLES: Record<ShortcutScope, string> = {
  app: 'Tagging and editing',
  article: 'Selecting text in the article',
  handle: 'On a span end handle',
  menu: 'In the menu of overlapping annotations',
  review: 'Review queue (while it is open)',
  'review-form': 'Reason and comment boxes',
  regions: 'Moving around the window',
  separator: 'On a panel separator',
  desktop: 'Desktop app menu',
};

/** The parts of a keyboard event that shortcuts read (plain data, so tests run without a DOM). */
export interface KeyEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The keyboard events a chord stands for: the key, or for digits their physical key too. */
export function chordMatches(chord: KeyChord, event: KeyEventLike): boolean {
  if ((event.ctrlKey || event.metaKey) !== (chord.mod ?? false)) return false;
  if (event.altKey !== (chord.alt ?? false)) return false;
  const shift = chord.shift ?? false;
  if (shift !== 'any' && event.shiftKey !== shift) return false;
  if (event.key.toLowerCase() === chord.key.toLowerCase()) return true;
  // A digit by its physical key, whatever the layout types there (e.g. AZERTY).
  return /^\d$/.test(chord.key) && (event.code === `Digit${chord.key}` || event.code === `Numpad${chord.key}`);
}

/** The shortcut of `scope` that an event stands for, if any. */
export function shortcutFor<S extends ShortcutScope>(
  event: KeyEventLike,
  scope: S,
): ScopedShortcutId<S> | null {
  const found = (SHORTCUTS as readonly ShortcutDef[]).find((s) => s.scope === scope && s.chords.some((chord) => chordMatches(chord, event)));
  return (found?.id ?? null) as ScopedShortcutId<S> | null;
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ' ': 'Space',
  Escape: 'Esc',
};

/** The keys of a chord as they are written on the keyboard, e.g. ["Shift", "Alt", "→"]. */
export function chordKeys(chord: KeyChord, mac = isMac()): string[] {
  const keys: string[] = [];
  if (chord.mod) keys.push(mac ? '⌘' : 'Ctrl');
  if (chord.shift === true) keys.push('Shift');
  if (chord.alt) keys.push(mac ? '⌥' : 'Alt');
  keys.push(KEY_NAMES[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key));
  return keys;
}

/** A chord as text, e.g. "Shift+Alt+→". */
export function chordLabel(chord: KeyChord, mac = isMac()): string {
  return chordKeys(chord, mac).join('+');
}

/** The first chord of a shortcut as text, for button titles. */
export function shortcutLabel(id: ShortcutId): string {
  const shortcut = SHORTCUTS.find((s) => s.id === id);
  const chord: KeyChord | undefined = shortcut?.chords[0];
  return chord ? chordLabel(chord) : '';
}

function isMac(): boolean {
  const platform = (globalThis as { navigator?: { platform?: string } }).navigator?.platform ?? '';
  return /Mac|iPhone|iPad/.test(platform);
}
