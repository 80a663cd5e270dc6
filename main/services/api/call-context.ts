// Which window a call came from, without threading it through every service signature: the
// transport runs each call inside a context, and the change feed reads it to name the origin.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CallContext {
  /** Random per window (page load); null for calls from no window (tests, tools). */
  clientId: string | null;
}

const storage = new AsyncLocalStorage<CallContext>();

export function runInCallContext<T>(context: CallContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentCall(): CallContext {
  return storage.getStore() ?? { clientId: null };
}
