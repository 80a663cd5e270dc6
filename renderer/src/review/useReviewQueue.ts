// The keyboard review queue: walks other analysts' spans that I have not decided on yet, in text
// order. The current item is selected and flashed in the article; when it leaves the queue
// (accepted or rejected) the next one in text order takes its place.
//
// By default the queue is the open document's. With "whole corpus" on, J past the last item (or K
// before the first) opens the next (previous) document in the Documents list's order that has
// items left, at its first (last) item; the host says which documents those are.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReviewPendingDocument } from '../../../shared/api';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../../shared/model/records';
import { pendingSpans, reviewProgress } from '../../../shared/model/review-steps';
import { api } from '../api/api';
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
  /** Whether J / K lead anywhere (in whole-corpus mode, possibly to another document). */
  canNext: boolean;
  canPrevious: boolean;
  mode: ReviewFormMode;
  setMode: (mode: ReviewFormMode) => void;
  /** Walk every open document, not only this one. */
  corpusWide: boolean;
  setCorpusWide: (on: boolean) => void;
  /** Whole corpus: items left in the other open documents (null until known). */
  elsewhere: { pending: number; documents: number } | null;
  /** Whole corpus: the host could not say where items are left. */
  corpusError: string | null;
}

/** Where the review can go beyond the open document. */
export interface ReviewCorpus {
  /** Open documents in the order of the Documents list. */
  order: readonly string[];
  open: (docId: string) => Promise<void>;
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

/** The next (step 1) or previous (step -1) document in `order` after `docId` with items left, going round. */
export function nextDocumentWithPending(order: readonly string[], docId: string | null, rows: readonly ReviewPendingDocument[], step: 1 | -1): string | null {
  const left = new Set(rows.filter((r) => r.pending > 0 && r.docId !== docId).map((r) => r.docId));
  if (left.size === 0) return null;
  const at = docId === null ? -1 : order.indexOf(docId);
  for (let i = 1; i <= order.length; i++) {
    const candidate = order[(((at + step * i) % order.length) + order.length) % order.length];
    if (candidate !== undefined && left.has(candidate)) return candidate;
  }
  return null;
}

export function useReviewQueue(
  records: readonly MarginaliaRecord[],
  me: Creator | null,
  docId: string | null,
  reveal: (annotation: SpanRecord) => void,
  corpus?: ReviewCorpus,
): ReviewQueue {
  const [open, setOpenState] = useState(false);
  const [position, setPosition] = useState<Position | null>(null);
  const [form, setForm] = useState<{ id: string; mode: ReviewFormMode } | null>(null);
  const [corpusWide, setCorpusWide] = useState(false);
  const [overview, setOverview] = useState<readonly ReviewPendingDocument[] | null>(null);
  const [corpusError, setCorpusError] = useState<string | null>(null);
  /** A document opened by J / K: where to land once it is shown. */
  const [arrival, setArrival] = useState<{ docId: string; end: 'first' | 'last' } | null>(null);

  const pending = useMemo(() => (me ? pendingSpans(records, me.id) : []), [records, me]);
  const progress = useMemo(() => (me ? reviewProgress(records, me.id) : { total: 0, reviewed: 0 }), [records, me]);
  // Just arrived in a document by J / K: its first (last) item, until the position says so.
  const landing = arrival && arrival.docId === docId ? ((arrival.end === 'first' ? pending[0] : pending[pending.length - 1]) ?? null) : null;
  const current = open ? (landing ?? currentItem(pending, position, docId)) : null;
  const index = current ? pending.indexOf(current) : -1;
  const mode = current && form?.id === current.id ? form.mode : null;
  const walking = open && corpusWide && corpus !== undefined;

  // Whole corpus: where items are left, asked again as this document's queue changes.
  const asked = useRef(0);
  const refreshOverview = useCallback(async (): Promise<readonly ReviewPendingDocument[]> => {
    const ask = ++asked.current;
    try {
      const rows = await api.listReviewPending();
      if (ask === asked.current) {
        setOverview(rows);
        setCorpusError(null);
      }
      return rows;
    } catch (e) {
      if (ask === asked.current) setCorpusError(e instanceof Error ? e.message : String(e));
      return [];
    }
  }, []);
  useEffect(() => {
    if (!walking) return;
    const ask = ++asked.current;
    api.listReviewPending().then(
      (rows) => {
        if (ask !== asked.current) return;
        setOverview(rows);
        setCorpusError(null);
      },
      (e: unknown) => ask === asked.current && setCorpusError(e instanceof Error ? e.message : String(e)),
    );
  }, [walking, docId, pending.length]);

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

  const goTo = useCallback(
    (target: SpanRecord | undefined) => {
      if (!target) return;
      setPosition({ docId, item: target });
      setArrival(null);
    },
    [docId],
  );
  const leave = useCallback(
    async (step: 1 | -1) => {
      if (!corpus) return;
      const rows = await refreshOverview();
      const target = nextDocumentWithPending(corpus.order, docId, rows, step);
      if (!target) return;
      setArrival({ docId: target, end: step === 1 ? 'first' : 'last' });
      await corpus.open(target);
    },
    [corpus, docId, refreshOverview],
  );
  const next = useCallback(() => {
    if (index >= 0 && index < pending.length - 1) goTo(pending[index + 1]);
    else if (walking) void leave(1);
  }, [goTo, pending, index, walking, leave]);
  const previous = useCallback(() => {
    if (index > 0) goTo(pending[index - 1]);
    else if (walking) void leave(-1);
  }, [goTo, pending, index, walking, leave]);
  const setOpen = useCallback((value: boolean) => {
    setOpenState(value);
    setForm(null);
  }, []);
  const currentId = current?.id ?? null;
  const setMode = useCallback((next: ReviewFormMode) => setForm(currentId === null ? null : { id: currentId, mode: next }), [currentId]);

  const others = walking && overview ? overview.filter((r) => r.docId !== docId && r.pending > 0) : [];
  const elsewhere = walking && overview ? { pending: others.reduce((n, r) => n + r.pending, 0), documents: others.length } : null;
  const canNext = (index >= 0 && index < pending.length - 1) || others.length > 0;
  const canPrevious = index > 0 || others.length > 0;

  return {
    open,
    setOpen,
    pending,
    progress,
    current,
    index,
    next,
    previous,
    canNext,
    canPrevious,
    mode,
    setMode,
    corpusWide,
    setCorpusWide,
    elsewhere,
    corpusError: walking ? corpusError : null,
  };
}
