// The browser host's transport: POST /api/<method> with {args}, authorised by the per-launch
// token from the page address; events from GET /api/events (Server-Sent Events, same token).
import { fetchEventSource } from '@microsoft/fetch-event-source';
import { ApiCallError, type ApiReplyBody } from '../../../shared/api-errors';
import type { Transport } from './client';
import { reportTokenRefused } from '../saving/host-access';

const TOKEN_HEADER = 'X-Marginalia-Token';
const CLIENT_HEADER = 'X-Marginalia-Client';

async function replyOf(response: Response): Promise<ApiReplyBody> {
  try {
    const body = (await response.json()) as ApiReplyBody;
    if (body && typeof body === 'object' && ('result' in body || 'error' in body)) {
      return 'error' in body ? { ...body, status: body.status ?? response.status } : body;
    }
  } catch {
    // not our JSON: fall through to the status line
  }
  return { error: `The app did not answer (${response.status} ${response.statusText})`, status: response.status };
}

export function httpTransport(token: string, clientId: string): Transport {
  return async (method, args) => {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token, [CLIENT_HEADER]: clientId },
        body: JSON.stringify({ args }),
      });
    } catch {
      throw new ApiCallError('Cannot reach Marginalia. Is the server still running?', 0);
    }
    // Our own host refuses only a wrong token: this page's address is from an earlier start.
    if (response.status === 403) reportTokenRefused();
    return replyOf(response);
  };
}

/** Follows the host's event stream, reconnecting after a drop; returns a function that stops. */
export function httpEvents(token: string, listener: (event: unknown) => void, onConnected: () => void): () => void {
  const stop = new AbortController();
  void fetchEventSource('/api/events', {
    headers: { [TOKEN_HEADER]: token },
    signal: stop.signal,
    openWhenHidden: true, // a background tab must keep up with the others
    onopen: async (response) => {
      if (response.status === 403) reportTokenRefused();
      if (!response.ok) throw new Error(`event stream refused (${response.status})`);
      onConnected();
    },
    onmessage: (message) => {
      if (message.data) listener(JSON.parse(message.data));
    },
    // Keep retrying (the library's default backoff) until stopped: the host may be restarting.
    onerror: () => 2_000,
  });
  return () => stop.abort();
}
