// What each application shortcut does, apart from the DOM so the shortcut table can be tested in Node.
import type { TagType } from '../../../shared/model';
import type { ScopedShortcutId } from '../help/shortcuts';

export type Edge = 'start' | 'end';

export interface ShortcutHandlers {
  tag: (type: TagType) => void;
  deleteSelected: () => boolean;
  undo: () => void;
  redo: () => void;
  clearSelection: () => boolean;
  /** Moves an end of the selected annotation by a word; false when nothing is selected. */
  moveBoundary: (edge: Edge, direction: -1 | 1) => boolean;
  showHelp: () => void;
}

export type AppShortcutId = ScopedShortcutId<'app'>;

/** What each app shortcut does; returns whether the key was used (else it goes on to the page). */
export function appShortcutActions(h: ShortcutHandlers): Record<AppShortcutId, () => boolean> {
  const done = (run: () => void) => () => {
    run();
    return true;
  };
  return {
    'tag-claim': done(() => h.tag('claim')),
    'tag-source': done(() => h.tag('source')),
    'tag-figure': done(() => h.tag('figure')),
    'tag-place': done(() => h.tag('place')),
    undo: done(h.undo),
    redo: done(h.redo),
    delete: h.deleteSelected,
    'end-later': () => h.moveBoundary('end', 1),
    'end-earlier': () => h.moveBoundary('end', -1),
    'start-earlier': () => h.moveBoundary('start', -1),
    'start-later': () => h.moveBoundary('start', 1),
    'clear-selection': h.clearSelection,
    help: done(h.showHelp),
  };
}

