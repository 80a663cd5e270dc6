// MarginaliaApi over the browser host's HTTP protocol: POST /api/<method> with {args},
// authorised by the per-launch token from the page URL.
import type { MarginaliaApi } from '../../../shared/api';
import { ApiCallError } from '../../../shared/api-errors';
import { API_METHOD_NAMES, type ApiMethodName } from '../../../shared/api-methods';

const TOKEN_HEADER = 'X-Marginalia-Token';

async function failure(response: Response): Promise<ApiCallError> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string') {
      const conflicts = 'conflicts' in body && Array.isArray(body.conflicts) ? body.conflicts.filter((c): c is string => typeof c === 'string') : [];
      return new ApiCallError(body.error, response.status, conflicts);
    }
  } catch {
    // fall through to the status line
  }
  return new ApiCallError(`The app did not answer (${response.status} ${response.statusText})`, response.status);
}

async function call(token: string, method: ApiMethodName, args: unknown[]): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify({ args }),
    });
  } catch {
    throw new ApiCallError('Cannot reach Marginalia. Is the server still running?', 0);
  }
  if (!response.ok) throw await failure(response);
  // The host sends undefined as null; methods returning void ignore it.
  const body = (await response.json()) as { result?: unknown };
  return body.result ?? null;
}

export function createHttpClient(token: string): MarginaliaApi {
  const client: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of API_METHOD_NAMES) {
    client[method] = (...args: unknown[]) => call(token, method, args);
  }
  // Every method of MarginaliaApi is present (API_METHOD_NAMES is checked against it in shared/api.ts).
  return client as unknown as MarginaliaApi;
}
