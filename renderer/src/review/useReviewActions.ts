// Accept, reject and comment on an annotation of the open document. Each step is built by
// shared/review.ts and recorded as one undoable edit, saved like any other change.
import { useCallback, useMemo } from 'react';
import type { Annotation } from '../../../shared/model';
import { type ReviewEdit, acceptAnnotation, commentOnAnnotation, rejectAnnotation } from '../../../shared/review';
import type { OpenDocument } from '../app/useOpenDocument';

export interface ReviewActions {
  accept: (annotation: Annotation) => boolean;
  reject: (annotation: Annotation, reason: string) => boolean;
  comment: (annotation: Annotation, text: string) => boolean;
}

export function useReviewActions(doc: OpenDocument, reviewer: string | null, say: (message: string | null) => void): ReviewActions {
  const { store, commands } = doc;

  /** Runs one step; false (with a message) when it cannot be done. */
  const run = useCallback(
    (annotation: Annotation, build: (reviewer: string, now: string, existing: readonly Annotation[]) => ReviewEdit): boolean => {
      if (!store || !commands || !reviewer) return false;
      try {
        const edit = build(reviewer, new Date().toISOString(), store.getSnapshot().sorted);
        commands.perform({ forward: edit.forward, backward: edit.backward, selectAfterForward: annotation.id, selectAfterBackward: annotation.id });
        say(null);
        return true;
      } catch (e) {
        say(e instanceof Error ? e.message : String(e));
        return false;
      }
    },
    [store, commands, reviewer, say],
  );

  const latest = useCallback((annotation: Annotation) => store?.get(annotation.id) ?? annotation, [store]);

  const accept = useCallback(
    (annotation: Annotation) =>
      run(annotation, (by, now, existing) => acceptAnnotation(latest(annotation), { reviewer: by, now, existing, newId: crypto.randomUUID() })),
    [run, latest],
  );
  const reject = useCallback(
    (annotation: Annotation, reason: string) => run(annotation, (by, now, existing) => rejectAnnotation(latest(annotation), { reviewer: by, now, existing, reason })),
    [run, latest],
  );
  const comment = useCallback(
    (annotation: Annotation, text: string) => run(annotation, (by, now) => commentOnAnnotation(latest(annotation), { reviewer: by, now, text })),
    [run, latest],
  );

  return useMemo(() => ({ accept, reject, comment }), [accept, reject, comment]);
}
