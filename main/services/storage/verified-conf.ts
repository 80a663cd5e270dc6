// conf and electron-store write through `atomically`, which makes one write call and ignores a
// short count. Their `_write` is routed through the app's verified write path instead, so the
// settings file is never replaced by a file cut short on a full disk.
import type Conf from 'conf';
import { replaceFileSync } from './durable-write';

interface ConfInternals {
  readonly path: string;
  _serialize(value: unknown): string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's mixin rule requires any[]
type ConfClass = new (...args: any[]) => Conf<Record<string, unknown>>;

/** A subclass of conf (or electron-store) whose writes are full, fsynced, read back and 0600. */
export function withVerifiedWrites<C extends ConfClass>(Base: C): C {
  class Verified extends Base {}
  Object.defineProperty(Verified.prototype, '_write', {
    value(this: ConfInternals, value: unknown): void {
      replaceFileSync(this.path, this._serialize(value));
    },
  });
  return Verified as C;
}
