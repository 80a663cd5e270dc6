// The one place that decides which transport the renderer talks through.
import type { MarginaliaApi } from '../../../shared/api';
import { createHttpClient } from './http-client';
import { createIpcClient } from './ipc-client';

function resolveApi(): MarginaliaApi {
  if (window.marginalia) return createIpcClient(window.marginalia);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return createHttpClient(token);
}

export const api: MarginaliaApi = resolveApi();
