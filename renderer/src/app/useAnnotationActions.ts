// What the analyst can do to the open document's annotations, from any control: tag the
// selection, pick a highlight, retag, note, delete, undo and redo.
import { type RefObject, useCallback, useMemo, useState } from 'react';
import { MAX_SPAN_LENGTH, type TagType } from '../../../shared/model';
import type { Creator, SpanRecord } from '../../../shared/model/records';
import { snapRange } from '../../../shared/offsets';
import type { ArticleController } from '../article/article-controller';
import type { OpenDocument } from './useOpenDocument';

export interface ChooserState {
  annotations: SpanRecord[];
  x: number;
  y: number;
  /** Where the click landed, to put the caret back when the menu closes. */
  offset: number;
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

  const returnToArticle = useCallback(
    (offset: number) => {
      setChooser(null);
      controllerRef.current?.focusAt(offset);
    },
    [controllerRef],
  );

  const tag = useCallback(
    (type: TagType) => {
      const controller = controllerRef.current;
      if (!store || !commands || !controller || !analyst) return;
      const span = controller.selectionSpan();
      const snapped = span && snapRange(store.text, span.start, span.end, { toWordBoundaries: wordSnap });
      if (!snapped) {
        say('Select some text in the article first, then choose a tag.');
        return;
      }
      if (snapped.end - snapped.start > MAX_SPAN_LENGTH) {
        const length = (snapped.end - snapped.start).toLocaleString('en-US');
        say(`A span can be at most ${MAX_SPAN_LENGTH.toLocaleString('en-US')} characters long; this selection has ${length}. Select less text.`);
        return;
      }
      commands.create(type, snapped.start, snapped.end, analyst);
      controller.collapseSelection();
      say(null);
    },
    [store, commands, controllerRef, analyst, wordSnap, say],
  );

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
    () => ({ tag, reveal, pointAt, choose, closeChooser, chooser, retag, setNote, remove, undo, redo, deleteSelected, clearSelection }),
    [tag, reveal, pointAt, choose, closeChooser, chooser, retag, setNote, remove, undo, redo, deleteSelected, clearSelection],
  );
}
