// Messages for screen readers ("Claim added: …"), spoken through the one polite live region
// (LiveRegion.tsx). The same message twice in a row is spoken twice: the second copy carries
// an invisible difference so the region's text changes.
type Listener = () => void;

let current = '';
const listeners = new Set<Listener>();

export function announce(message: string): void {
  current = current === message ? `${message}\u00a0` : message;
  for (const listener of listeners) listener();
}

export function subscribeAnnouncements(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentAnnouncement(): string {
  return current;
}
