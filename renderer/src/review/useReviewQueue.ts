// The keyboard review queue: walks other analysts' spans of the open document that I have not
// decided on yet, in text order. The current item is selected and flashed in the article; when it
// leaves the queue (accepted or rejected) the next one in text order takes its place.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../../shared/model/records';
import { pendingSpans, reviewProgress } from '../../../shared/model/review-steps';
import { compareSpans } from '../state/document-store';
import type { ReviewFormMode } from './ReviewControls';

export interface ReviewQueue {
  open: boolean;
  setOpen: (open: boolean) => void;
  pending: readonly SpanRecord[];
  progress: { total: number; reviewed: number };
  current: SpanRecord | null;
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
  item: SpanRecord;
}

/** The queue item at `position`, else (it was decided) the next pending one in text order. */
function currentItem(pending: readonly SpanRecord[], position: Position | null, docId: string | null): SpanRecord | null {
  const anchor = position && position.docId === docId ? position.item : null;
  if (!anchor) return pending[0] ?? null;
  return pending.find((a) => a.id === anchor.id) ?? pending.find((a) => compareSpans(a, anchor) > 0) ?? pending[pending.length - 1] ?? null;
}

export function useReviewQueue(records: readonly MarginaliaRecord[], me: Creator | null, docId: string | null, reveal: (annotation: SpanRecord) => void): ReviewQueue {
  const [open, setOpenState] = useState(false);
  const [position, setPosition] = useState<Position | null>(null);
  const [form, setForm] = useState<{ id: string; mode: ReviewFormMode } | null>(null);

  const pending = useMemo(() => (me ? pendingSpans(records, me.id) : []), [records, me]);
  const progress = useMemo(() => (me ? reviewProgress(records, me.id) : { total: 0, reviewed: 0 }), [records, me]);
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

  const goTo = useCallback((target: SpanRecord | undefined) => target && setPosition({ docId, item: target }), [docId]);
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
