// Defers a listener until the browser has painted the next frame. React re-renders the
// annotation list and panels from store changes; running that after the frame lets the new
// highlight (painted by the store's direct diff listeners) reach the screen first.

/** rAF does not run in a hidden page; the timer makes sure the listener still runs there. */
const HIDDEN_PAGE_FALLBACK_MS = 100;

export interface DeferredListener {
  /** Asks for the listener to run after the next paint (once, however often this is called). */
  schedule: () => void;
  /** Drops a pending run. */
  cancel: () => void;
}

/** Runs `listener` in a task after the next frame was painted (a timer set from an animation-frame callback). */
export function afterNextPaint(listener: () => void): DeferredListener {
  let pending = false;
  let frame = 0;
  let fallback: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    pending = false;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
  };
  const run = () => {
    if (!pending) return;
    cancel();
    listener();
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    frame = requestAnimationFrame(() => setTimeout(run, 0));
    fallback = setTimeout(run, HIDDEN_PAGE_FALLBACK_MS);
  };
  return { schedule, cancel };
}

/** Subscribes `listener` to `subscribe`'s changes, delivered after the next paint. */
export function subscribeAfterPaint(subscribe: (listener: () => void) => () => void, listener: () => void): () => void {
  const deferred = afterNextPaint(listener);
  const unsubscribe = subscribe(deferred.schedule);
  return () => {
    unsubscribe();
    deferred.cancel();
  };
}
