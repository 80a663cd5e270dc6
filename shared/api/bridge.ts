// What the Electron preload exposes as `window.marginalia`: one generic call and the event feed.
// No dependencies, so the sandboxed preload stays tiny; the typed API is built in the renderer
// from the contract (shared/api/contract.ts).
import type { ApiReplyBody } from '../api-errors';

/** IPC channels between the preload and the main process. */
export const CALL_CHANNEL = 'marginalia:call';
export const EVENT_CHANNEL = 'marginalia:event';

export interface MarginaliaBridge {
  /** Calls `method` with `args`; `clientId` names the window in the change feed. */
  call(method: string, args: unknown[], clientId: string): Promise<ApiReplyBody>;
  /** Calls `listener` with each event; returns a function that unsubscribes. */
  onEvent(listener: (event: unknown) => void): () => void;
}
