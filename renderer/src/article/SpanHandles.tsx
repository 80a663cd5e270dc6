// Handles at both ends of the selected annotation: drag one to move that end (the span snaps
// like a selection when dropped), or focus it and press the arrow keys to move it by a word.
import { type KeyboardEvent, type PointerEvent, type RefObject, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import type { SpanRecord } from '../../../shared/model/records';
import { shortcutFor } from '../help/shortcuts';
import type { DocumentStore } from '../state/document-store';
import type { ArticleController } from './article-controller';
import type { Edge } from './span-bounds';

export interface SpanHandleCallbacks {
  /** An end dropped at a caret offset of the document. */
  onDropEdge?: (id: string, edge: Edge, offset: number) => void;
  /** An end moved by a word from a focused handle. */
  onStepEdge?: (edge: Edge, direction: -1 | 1) => boolean;
  /** Whether the analyst may change this span (another analyst's is reviewed instead). */
  canEdit?: (span: SpanRecord) => boolean;
}

interface Box {
  left: number;
  top: number;
  height: number;
}

interface SpanHandlesProps {
  store: DocumentStore;
  controllerRef: RefObject<ArticleController | null>;
  pageRef: RefObject<HTMLDivElement | null>;
  callbacks: RefObject<SpanHandleCallbacks>;
}

export function SpanHandles({ store, controllerRef, pageRef, callbacks }: SpanHandlesProps) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const selected = snapshot.selectedId === null ? null : (store.get(snapshot.selectedId) ?? null);
  const editable = selected !== null && (callbacks.current.canEdit?.(selected) ?? true);
  const [boxes, setBoxes] = useState<Record<Edge, Box> | null>(null);
  // While dragging, where the pointer is, relative to the page.
  const [drag, setDrag] = useState<{ edge: Edge; x: number; y: number } | null>(null);
  const start = selected?.target.start;
  const end = selected?.target.end;
  useLayoutEffect(() => {
    const page = pageRef.current;
    const controller = controllerRef.current;
    // Nothing to measure; render shows no handles then, whatever boxes were last measured.
    if (!editable || start === undefined || end === undefined || !page || !controller) return;
    const measure = () => {
      const origin = page.getBoundingClientRect();
      const at = (edge: Edge): Box | null => {
        const box = controller.edgeBox({ start, end }, edge);
        return box && { left: box.x - origin.left, top: box.top - origin.top, height: box.height };
      };
      const [startBox, endBox] = [at('start'), at('end')];
      setBoxes(startBox && endBox ? { start: startBox, end: endBox } : null);
    };
    measure();
    // Again when the page's layout changes (window resized, panels opened).
    const observer = new ResizeObserver(measure);
    observer.observe(page);
    return () => observer.disconnect();
  }, [editable, start, end, pageRef, controllerRef]);

  if (!selected || !editable || !boxes) return null;

  // The text under the pointer, not the handle being dragged there: hit testing skips the handle meanwhile.
  const offsetUnder = (handle: HTMLElement, clientX: number, clientY: number): number | null => {
    handle.style.pointerEvents = 'none';
    try {
      return controllerRef.current?.offsetAt(clientX, clientY) ?? null;
    } finally {
      handle.style.pointerEvents = '';
    }
  };

  const onPointerDown = (edge: Edge) => (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus({ preventScroll: true });
    const origin = pageRef.current?.getBoundingClientRect();
    setDrag({ edge, x: event.clientX - (origin?.left ?? 0), y: event.clientY - (origin?.top ?? 0) });
  };
  const onPointerMove = (edge: Edge) => (event: PointerEvent<HTMLDivElement>) => {
    if (!drag || drag.edge !== edge) return;
    const origin = pageRef.current?.getBoundingClientRect();
    setDrag({ edge, x: event.clientX - (origin?.left ?? 0), y: event.clientY - (origin?.top ?? 0) });
    const offset = offsetUnder(event.currentTarget, event.clientX, event.clientY);
    if (offset === null) return;
    const fixed = edge === 'start' ? selected.target.end : selected.target.start;
    controllerRef.current?.preview(offset === fixed ? null : { start: Math.min(offset, fixed), end: Math.max(offset, fixed) });
  };
  const onPointerUp = (edge: Edge) => (event: PointerEvent<HTMLDivElement>) => {
    if (!drag || drag.edge !== edge) return;
    event.stopPropagation();
    setDrag(null);
    controllerRef.current?.preview(null);
    const offset = offsetUnder(event.currentTarget, event.clientX, event.clientY);
    if (offset !== null) callbacks.current.onDropEdge?.(selected.id, edge, offset);
  };
  const onPointerCancel = () => {
    setDrag(null);
    controllerRef.current?.preview(null);
  };
  const onKeyDown = (edge: Edge) => (event: KeyboardEvent<HTMLDivElement>) => {
    const id = shortcutFor(event.nativeEvent, 'handle');
    if (id === null) return;
    event.preventDefault();
    event.stopPropagation();
    callbacks.current.onStepEdge?.(edge, id === 'handle-later' ? 1 : -1);
  };

  return (
    <>
      {(['start', 'end'] as const).map((edge) => {
        const box = boxes[edge];
        const dragging = drag?.edge === edge;
        const left = dragging ? drag.x : box.left;
        const top = dragging ? drag.y - box.height / 2 : box.top;
        const offset = edge === 'start' ? selected.target.start : selected.target.end;
        return (
          <div
            key={edge}
            role="slider"
            tabIndex={0}
            className={`span-handle span-handle-${edge}${dragging ? ' span-handle-dragging' : ''}`}
            style={{ left, top, height: box.height }}
            aria-label={edge === 'start' ? 'Start of the selected span' : 'End of the selected span'}
            aria-orientation="horizontal"
            aria-valuemin={0}
            aria-valuemax={store.text.length}
            aria-valuenow={offset}
            aria-valuetext={edge === 'start' ? `starts at “${selected.target.quote.slice(0, 40)}”` : `ends at “${selected.target.quote.slice(-40)}”`}
            aria-keyshortcuts="ArrowLeft ArrowRight"
            title={`Drag to move the ${edge} of the span, or press ← and → to move it by a word`}
            onPointerDown={onPointerDown(edge)}
            onPointerMove={onPointerMove(edge)}
            onPointerUp={onPointerUp(edge)}
            onPointerCancel={onPointerCancel}
            onClick={(event) => event.stopPropagation()}
            onKeyDown={onKeyDown(edge)}
          />
        );
      })}
    </>
  );
}
