// Tells the window that layers changed in a way the change feed does not show as a new creator
// (a name-based layer claimed as the analyst's): the Layers list fetches the analysts again.
const listeners = new Set<() => void>();

export function notifyLayersChanged(): void {
  for (const listener of listeners) listener();
}

/** Returns a function that unsubscribes. */
export function onLayersChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
