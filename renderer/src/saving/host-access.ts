// Whether the browser host still accepts this page's token. A 403 from our own host means the
// page carries the token of an earlier start: the server was restarted (each start makes a new
// token), and nothing this page sends will be accepted again. Set by the HTTP transport; read by
// the banner that says so (HostRestarted).
const listeners = new Set<() => void>();
let refused = false;

export function reportTokenRefused(): void {
  if (refused) return;
  refused = true;
  for (const listener of listeners) listener();
}

export function subscribeTokenRefused(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function isTokenRefused(): boolean {
  return refused;
}
