// The one place that decides which transport the renderer talks through, and the event feed.
import type { MarginaliaApi } from '../../../shared/api/contract';
import { type MarginaliaEvent, isMarginaliaEvent } from '../../../shared/api/events';
import { createApiClient } from './client';
import { httpEvents, httpTransport } from './http-client';

/** Names this window in the change feed, so it can tell its own changes from others'. */
export const CLIENT_ID = crypto.randomUUID();

const token = new URLSearchParams(window.location.search).get('token') ?? '';
const bridge = window.marginalia;

export const api: MarginaliaApi = createApiClient(
  bridge ? (method, args) => bridge.call(method, args, CLIENT_ID) : httpTransport(token, CLIENT_ID),
);

type Listener = (event: MarginaliaEvent) => void;
const listeners = new Set<Listener>();
const reconnectListeners = new Set<() => void>();
let stopFeed: (() => void) | null = null;

function deliver(payload: unknown): void {
  if (!isMarginaliaEvent(payload)) return;
  for (const listener of listeners) listener(payload);
}

function connected(): void {
  // Events may have been missed while disconnected: listeners fetch the current state again.
  for (const listener of reconnectListeners) listener();
}

/** Calls `listener` with every event from the host; returns a function that unsubscribes. */
export function subscribeEvents(listener: Listener): () => void {
  listeners.add(listener);
  stopFeed ??= bridge ? bridge.onEvent(deliver) : httpEvents(token, deliver, connected);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      stopFeed?.();
      stopFeed = null;
    }
  };
}

/** Called each time the event stream (re)connects, after which missed state must be fetched. */
export function onEventsConnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}
