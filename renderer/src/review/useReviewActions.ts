// Accept, reject and comment on a span of the open document. Each step is built by
// shared/model/review-steps.ts as records of the reviewer and recorded as one undoable edit,
// saved like any other change.
import { useCallback, useMemo } from 'react';
import type { Creator, SpanRecord } from '../../../shared/model/records';
import { type ReviewContext, type ReviewStep, acceptSpan, commentOnSpan, rejectSpan } from '../../../shared/model/review-steps';
import type { OpenDocument } from '../app/useOpenDocument';

export interface ReviewActions {
  accept: (annotation: SpanRecord) => boolean;
  reject: (annotation: SpanRecord, reason: string) => boolean;
  comment: (annotation: SpanRecord, text: string) => boolean;
}

export function useReviewActions(doc: OpenDocument, reviewer: Creator | null, say: (message: string | null) => void): ReviewActions {
  const { store, commands } = doc;

  /** Runs one step; false (with a message) when it cannot be done. */
  const run = useCallback(
    (annotation: SpanRecord, build: (span: SpanRecord, context: ReviewContext) => ReviewStep): boolean => {
      if (!store || !commands || !reviewer) return false;
      try {
        const span = store.get(annotation.id) ?? annotation;
        const context: ReviewContext = { reviewer, now: new Date().toISOString(), records: store.getSnapshot().records, newId: () => crypto.randomUUID() };
        const step = build(span, context);
        commands.perform({ ...step, selectAfterForward: annotation.id, selectAfterBackward: annotation.id });
        say(null);
        return true;
      } catch (e) {
        say(e instanceof Error ? e.message : String(e));
        return false;
      }
    },
    [store, commands, reviewer, say],
  );

  const accept = useCallback((annotation: SpanRecord) => run(annotation, acceptSpan), [run]);
  const reject = useCallback((annotation: SpanRecord, reason: string) => run(annotation, (span, context) => rejectSpan(span, reason, context)), [run]);
  const comment = useCallback((annotation: SpanRecord, text: string) => run(annotation, (span, context) => commentOnSpan(span, text, context)), [run]);

  return useMemo(() => ({ accept, reject, comment }), [accept, reject, comment]);
}
