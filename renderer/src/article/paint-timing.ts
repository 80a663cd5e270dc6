// User Timing marks for the moments an analyst waits on, so performance tools (and
// `npm run bench`) can measure them in the real UI. Each mark replaces the previous one of
// its name, so a long session does not accumulate entries.

/** Text and highlights are painted and the page has worked through what was queued: it takes input. */
export const READY_MARK = 'marginalia:document-ready';
/** A new highlight has been painted. */
export const PAINTED_MARK = 'marginalia:annotation-painted';

interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

function mark(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}

/** Marks `name` in a task after the next frame, behind whatever else was already queued. */
export function markWhenIdleAfterPaint(name: string): void {
  requestAnimationFrame(() => setTimeout(() => mark(name), 0));
}

/**
 * Marks `name` as soon as the next frame has been painted: a user-blocking task queued from
 * that frame's animation callbacks runs right after the frame, ahead of ordinary tasks.
 */
export function markAfterNextPaint(name: string): void {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  requestAnimationFrame(() => {
    if (scheduler) void scheduler.postTask(() => mark(name), { priority: 'user-blocking' });
    else setTimeout(() => mark(name), 0);
  });
}
