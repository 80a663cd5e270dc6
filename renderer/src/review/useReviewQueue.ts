// The keyboard review queue: walks another analyst's pending annotations of the open
// document in text order. The current item is selected and flashed in the article; when it
// leaves the queue (accepted or rejected) the next one in text order takes its place.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Annotation, compareAnnotations } from '../../../shared/model';
import { type ReviewProgress, pendingReviews, reviewProgress } from '../../../shared/review';
import type { ReviewFormMode } from './ReviewControls';

export interface ReviewQueue {
  open: boolean;
  setOpen: (open: boolean) => void;
  pending: readonly Annotation[];
  progress: ReviewProgress;
  current: Annotation | null;
  /** Position of the current item in the queue (0-based), -1 if none. */
  index: number;
  next: () => void;
  previous: () => void;
  mode: ReviewFormMode;
  setMode: (mode: ReviewFormMode) => void;
}

/** The item the analyst moved to last, in which document. */
interface Position {
  docId: string | null;
  item: Annotation;
}

/** The queue item at `position`, else (it was decided) the next pending one in text order. */
function currentItem(pending: readonly Annotation[], position: Position | null, docId: string | null): Annotation | null {
  const anchor = position && position.docId === docId ? position.item : null;
  if (!anchor) return pending[0] ?? null;
  return pending.find((a) => a.id === anchor.id) ?? pending.find((a) => compareAnnotations(a, anchor) > 0) ?? pending[pending.length - 1] ?? null;
}

export function useReviewQueue(annotations: readonly Annotation[], me: string | null, docId: string | null, reveal: (annotation: Annotation) => void): ReviewQueue {
  const [open, setOpenState] = useState(false);
  const [position, setPosition] = useState<Position | null>(null);
  const [form, setForm] = useState<{ id: string; mode: ReviewFormMode } | null>(null);

  const pending = useMemo(() => (me ? pendingReviews(annotations, me) : []), [annotations, me]);
  const progress = useMemo(() => (me ? reviewProgress(annotations, me) : { total: 0, reviewed: 0 }), [annotations, me]);
  const current = open ? currentItem(pending, position, docId) : null;
  const index = current ? pending.indexOf(current) : -1;
  const mode = current && form?.id === current.id ? form.mode : null;

  // Show each new current item in the article (selected and flashed).
  const shownId = useRef<string | null>(null);
  useEffect(() => {
    if (!current) {
      shownId.current = null;
      return;
    }
    if (shownId.current === current.id) return;
    shownId.current = current.id;
    reveal(current);
  }, [current, reveal]);

  const goTo = useCallback((target: Annotation | undefined) => target && setPosition({ docId, item: target }), [docId]);
  const next = useCallback(() => goTo(pending[Math.min(index + 1, pending.length - 1)]), [goTo, pending, index]);
  const previous = useCallback(() => goTo(pending[Math.max(index - 1, 0)]), [goTo, pending, index]);
  const setOpen = useCallback((value: boolean) => {
    setOpenState(value);
    setForm(null);
  }, []);
  const currentId = current?.id ?? null;
  const setMode = useCallback((next: ReviewFormMode) => setForm(currentId === null ? null : { id: currentId, mode: next }), [currentId]);

  return { open, setOpen, pending, progress, current, index, next, previous, mode, setMode };
}
