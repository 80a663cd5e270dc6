// Both hosts answer calls here: the method is looked up in the contract, its arguments are
// validated with the contract's schema, and the handler runs in the caller's context. One
// handler table per host: the core's, with the host's own entries (dialogs, downloads) over it.
import { API, type ApiHandlers, type ApiMethod, isApiMethod } from '../../../shared/api/contract';
import { type ApiReplyBody, describeArgIssues, errorReply } from '../../../shared/api-errors';
import type { MarginaliaCore } from '../service-types';
import { type CallContext, runInCallContext } from './call-context';

/** The core's implementation of every call, with `overrides` in place of the named entries. */
export function createApiHandlers(core: MarginaliaCore, overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  const handlers = {} as Record<ApiMethod, (...args: never[]) => Promise<unknown>>;
  for (const method of Object.keys(API) as ApiMethod[]) {
    const own = overrides[method] ?? core[method];
    handlers[method] = (own as (...args: never[]) => Promise<unknown>).bind(overrides[method] ? overrides : core);
  }
  return handlers as unknown as ApiHandlers;
}

export interface DispatchOptions {
  context: CallContext;
  /** Where failures are logged (the analyst gets the message; the log gets the stack). */
  log: (message: string) => void;
}

/** Runs one call: {result} or {error, status}. Never throws. */
export async function dispatchCall(handlers: ApiHandlers, method: string, args: unknown, options: DispatchOptions): Promise<ApiReplyBody> {
  if (!isApiMethod(method)) return { error: `Unknown API method: ${method.slice(0, 100)}`, status: 404 };
  if (!Array.isArray(args)) return { error: 'The arguments must be a list', status: 400 };
  const checked = API[method].args.safeParse(args);
  if (!checked.success) return { error: describeArgIssues(checked.error.issues, args), status: 400 };
  try {
    // The table is keyed by method, so the parsed tuple matches its handler.
    const handler = handlers[method] as (...a: unknown[]) => Promise<unknown>;
    const result = await runInCallContext(options.context, () => handler(...(checked.data as unknown[])));
    return { result: result === undefined ? null : result };
  } catch (error) {
    const reply = errorReply(error);
    options.log(`Marginalia: ${method} failed (${reply.status}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return reply;
  }
}
