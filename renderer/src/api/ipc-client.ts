// MarginaliaApi over the Electron preload: each call answers with a reply body, turned here into
// a result or an ApiCallError (status and conflicts included), as the HTTP client does.
import type { MarginaliaApi, MarginaliaIpcBridge } from '../../../shared/api';
import { ApiCallError } from '../../../shared/api-errors';
import { API_METHOD_NAMES } from '../../../shared/api-methods';

export function createIpcClient(bridge: MarginaliaIpcBridge): MarginaliaApi {
  const client: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of API_METHOD_NAMES) {
    client[method] = async (...args: unknown[]) => {
      let reply;
      try {
        reply = await bridge[method](...args);
      } catch (error) {
        throw new ApiCallError(`Marginalia did not answer: ${error instanceof Error ? error.message : String(error)}`, 0);
      }
      if ('error' in reply) throw new ApiCallError(reply.error, reply.status ?? 500, reply.conflicts ?? []);
      return reply.result;
    };
  }
  // Every method of MarginaliaApi is present (API_METHOD_NAMES is checked against it in shared/api.ts).
  return client as unknown as MarginaliaApi;
}
