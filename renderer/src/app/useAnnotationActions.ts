// What the analyst can do to the open document's annotations, from any control: tag the
// selection (asking first when it runs over paragraphs), pick a highlight, retag (also by
// pressing 1-4 with no text selected), move a span's ends, note, delete, undo and redo.
import { type RefObject, useCallback, useMemo, useState } from 'react';
import { MAX_SPAN_LENGTH, type TagType } from '../../../shared/model';
import type { Creator, SpanRecord } from '../../../shared/model/records';
import { quoteContext, snapRange } from '../../../shared/offsets';
import type { ArticleController } from '../article/article-controller';
import { type Edge, dropEdge, moveEdgeByWord } from '../article/span-bounds';
import type { OpenDocument } from './useOpenDocument';

export const SELECT_FIRST_HINT = 'Select some text in the article first, then choose a tag.';

export interface ChooserState {
  annotations: SpanRecord[];
  x: number;
  y: number;
  /** Where the click landed, to put the caret back when the menu closes. */
  offset: number;
}

/** A change waiting for the analyst's yes because its span would run over paragraphs. */
export type PendingCrossing =
  | { kind: 'tag'; type: TagType; start: number; end: number; paragraphs: number }
  | { kind: 'bounds'; id: string; edge: Edge; start: number; end: number; paragraphs: number };

/** How many paragraphs (non-empty lines) [start, end) touches. */
export function paragraphsIn(text: string, start: number, end: number): number {
  let count = 1;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end - 1; i = text.indexOf('\n', i + 1)) if (text[i + 1] !== '\n') count++;
  return count;
}

interface Options {
  doc: OpenDocument;
  controllerRef: RefObject<ArticleController | null>;
  analyst: Creator | null;
  wordSnap: boolean;
  /** Whether an annotation's layer is shown (hidden ones cannot be clicked). */
  isShown?: (annotation: SpanRecord) => boolean;
  /** A short message for the analyst (null clears it). */
  say: (message: string | null) => void;
}

export function useAnnotationActions({ doc, controllerRef, analyst, wordSnap, isShown, say }: Options) {
  const { store, commands } = doc;
  const [chooser, setChooser] = useState<ChooserState | null>(null);
  const [crossing, setCrossing] = useState<PendingCrossing | null>(null);

  const returnToArticle = useCallback(
    (offset: number) => {
      setChooser(null);
      controllerRef.current?.focusAt(offset);
    },
    [controllerRef],
  );

  // Another analyst's layer is theirs: the reviewer accepts, rejects or comments instead.
  const isEditable = useCallback(
    (id: string): boolean => {
      const annotation = store?.get(id);
      if (!annotation || annotation.creator.id === analyst?.id) return true;
      say(`This is ${annotation.creator.name}’s annotation: accept, reject or comment on it instead of changing it.`);
      return false;
    },
    [store, analyst, say],
  );

  const tooLong = useCallback(
    (start: number, end: number, what: string): boolean => {
      if (end - start <= MAX_SPAN_LENGTH) return false;
      const length = (end - start).toLocaleString('en-US');
      say(`A span can be at most ${MAX_SPAN_LENGTH.toLocaleString('en-US')} characters long; ${what} has ${length}. Select less text.`);
      return true;
    },
    [say],
  );

  const createSpan = useCallback(
    (type: TagType, start: number, end: number) => {
      if (!commands || !analyst) return;
      commands.create(type, start, end, analyst);
      controllerRef.current?.collapseSelection();
      say(null);
    },
    [commands, analyst, controllerRef, say],
  );

  /** Moves a span to [start, end): the same record (id, note, reviews, comments), a new target. */
  const resize = useCallback(
    (id: string, start: number, end: number) => {
      const old = store?.get(id);
      if (!store || !commands || !old || !isEditable(id)) return;
      if (old.target.start === start && old.target.end === end) return;
      if (tooLong(start, end, 'the span would')) return;
      const next: SpanRecord = {
        ...old,
        target: { ...old.target, start, end, ...quoteContext(store.text, start, end) },
        updatedAt: new Date().toISOString(),
      };
      commands.perform({ forward: [next], backward: [old], selectAfterForward: id, selectAfterBackward: id });
      say(null);
    },
    [store, commands, isEditable, tooLong, say],
  );

  const tag = useCallback(
    (type: TagType) => {
      const controller = controllerRef.current;
      if (!store || !commands || !controller || !analyst) return;
      const span = controller.selectionSpan();
      // No text selected, but an annotation is: retag it.
      const selected = span ? null : store.selected;
      if (selected) {
        if (isEditable(selected.id)) {
          commands.retag(selected.id, type);
          say(null);
        }
        return;
      }
      const snapped = span && snapRange(store.text, span.start, span.end, { toWordBoundaries: wordSnap });
      if (!snapped) {
        say(SELECT_FIRST_HINT);
        return;
      }
      if (tooLong(snapped.start, snapped.end, 'this selection')) return;
      const paragraphs = paragraphsIn(store.text, snapped.start, snapped.end);
      if (paragraphs > 1) {
        setCrossing({ kind: 'tag', type, start: snapped.start, end: snapped.end, paragraphs });
        return;
      }
      createSpan(type, snapped.start, snapped.end);
    },
    [store, commands, controllerRef, analyst, wordSnap, say, isEditable, tooLong, createSpan],
  );

  /** Shift+Alt+arrows: moves an end of the selected annotation by a word, within its paragraph. */
  const moveBoundary = useCallback(
    (edge: Edge, direction: -1 | 1): boolean => {
      const selected = store?.selected;
      if (!store || !selected) return false;
      const moved = moveEdgeByWord(store.text, selected.target, edge, direction);
      if (!moved) {
        const limit = (edge === 'end') === (direction === 1) ? `the paragraph ${direction === 1 ? 'ends' : 'starts'} there` : 'the span would be empty';
        say(`The ${edge} of the span cannot move ${direction === 1 ? 'later' : 'earlier'}: ${limit}.`);
        return true;
      }
      resize(selected.id, moved.start, moved.end);
      return true;
    },
    [store, resize, say],
  );

  /** An end handle dropped at a caret offset: the span snaps like a selection. */
  const dropBoundary = useCallback(
    (id: string, edge: Edge, offset: number) => {
      const span = store?.get(id);
      if (!store || !span) return;
      const moved = dropEdge(store.text, span.target, edge, offset, wordSnap);
      if (!moved) {
        say('The span would be empty: drop the handle past its other end, or press Delete to remove the span.');
        return;
      }
      const paragraphs = paragraphsIn(store.text, moved.start, moved.end);
      if (paragraphs > paragraphsIn(store.text, span.target.start, span.target.end)) {
        setCrossing({ kind: 'bounds', id, edge, start: moved.start, end: moved.end, paragraphs });
        return;
      }
      resize(id, moved.start, moved.end);
    },
    [store, wordSnap, resize, say],
  );

  const confirmCrossing = useCallback(() => {
    const pending = crossing;
    setCrossing(null);
    if (!pending) return;
    if (pending.kind === 'tag') createSpan(pending.type, pending.start, pending.end);
    else resize(pending.id, pending.start, pending.end);
  }, [crossing, createSpan, resize]);

  const cancelCrossing = useCallback(() => setCrossing(null), []);

  /** Selects an annotation and shows it in the article, flashing it. */
  const reveal = useCallback(
    (annotation: SpanRecord) => {
      store?.select(annotation.id);
      controllerRef.current?.reveal(annotation, true);
    },
    [store, controllerRef],
  );

  const pointAt = useCallback(
    (offset: number | null, x: number, y: number) => {
      if (!store) return;
      const hits = offset === null ? [] : store.containing(offset).filter((a) => !isShown || isShown(a));
      if (offset !== null && hits.length > 1) {
        controllerRef.current?.releaseCaret();
        setChooser({ annotations: hits, x, y, offset });
      } else {
        store.select(hits[0]?.id ?? null);
      }
    },
    [store, controllerRef, isShown],
  );

  const choose = useCallback(
    (annotation: SpanRecord) => {
      store?.select(annotation.id);
      if (chooser) returnToArticle(chooser.offset);
    },
    [store, chooser, returnToArticle],
  );

  const closeChooser = useCallback(() => {
    if (chooser) returnToArticle(chooser.offset);
  }, [chooser, returnToArticle]);

  const retag = useCallback((id: string, type: TagType) => isEditable(id) && commands?.retag(id, type), [commands, isEditable]);
  const setNote = useCallback((id: string, note: string) => isEditable(id) && commands?.setNote(id, note), [commands, isEditable]);
  const remove = useCallback((id: string) => isEditable(id) && commands?.remove(id), [commands, isEditable]);
  const undo = useCallback(() => {
    const outcome = commands?.undo();
    if (outcome === 'nothing') say('Nothing to undo.');
    if (outcome === 'changed-elsewhere') say('Not undone: that change was changed again in another window since; undoing it would overwrite their work.');
  }, [commands, say]);
  const redo = useCallback(() => {
    const outcome = commands?.redo();
    if (outcome === 'nothing') say('Nothing to redo.');
    if (outcome === 'changed-elsewhere') say('Not redone: the annotation was changed in another window since.');
  }, [commands, say]);

  const deleteSelected = useCallback((): boolean => {
    const selected = store?.selected;
    if (!selected || !commands) return false;
    if (isEditable(selected.id)) commands.remove(selected.id);
    return true;
  }, [store, commands, isEditable]);

  const clearSelection = useCallback((): boolean => {
    if (!store?.selected) return false;
    store.select(null);
    return true;
  }, [store]);

  return useMemo(
    () => ({
      tag,
      reveal,
      pointAt,
      choose,
      closeChooser,
      chooser,
      retag,
      setNote,
      remove,
      undo,
      redo,
      deleteSelected,
      clearSelection,
      moveBoundary,
      dropBoundary,
      crossing,
      confirmCrossing,
      cancelCrossing,
    }),
    [tag, reveal, pointAt, choose, closeChooser, chooser, retag, setNote, remove, undo, redo, deleteSelected, clearSelection, moveBoundary, dropBoundary, crossing, confirmCrossing, cancelCrossing],
  );
}
