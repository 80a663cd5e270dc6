// The typed API, built from the contract over a transport (HTTP or the Electron bridge). Every
// failure becomes an ApiCallError with its status: 0 when the host could not be reached.
import { API_METHODS, type ApiMethod, type MarginaliaApi } from '../../../shared/api/contract';
import { ApiCallError, type ApiReplyBody } from '../../../shared/api-errors';

/** Sends one call and resolves with the reply body; rejects only when the host is unreachable. */
export type Transport = (method: ApiMethod, args: unknown[]) => Promise<ApiReplyBody>;

export function createApiClient(transport: Transport): MarginaliaApi {
  const client: Partial<Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    client[method] = async (...args: unknown[]) => {
      let reply: ApiReplyBody;
      try {
        reply = await transport(method, args);
      } catch (error) {
        throw error instanceof ApiCallError ? error : new ApiCallError('Cannot reach Marginalia. Is the server still running?', 0);
      }
      if ('error' in reply) throw new ApiCallError(reply.error, reply.status ?? 500, reply.conflicts ?? []);
      return reply.result;
    };
  }
  return client as MarginaliaApi;
}
