// In-memory notices for the analyst (e.g. "a store file was moved aside"). Hosts show them
// in the "Notices" region; they live for the session only.
import type { Notice } from '../../shared/api';

/** Oldest notices are dropped beyond this, so a flood of problems cannot grow memory. */
const MAX_NOTICES = 200;

export type Clock = () => Date;

export class NoticeBoard {
  private readonly notices: Notice[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly clock: Clock = () => new Date()) {}

  /** Called after every raise and dismiss; returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  raise(level: Notice['level'], message: string): Notice {
    const notice: Notice = { id: `notice-${this.nextId++}`, level, message, at: this.clock().toISOString() };
    this.notices.push(notice);
    if (this.notices.length > MAX_NOTICES) this.notices.splice(0, this.notices.length - MAX_NOTICES);
    this.changed();
    return notice;
  }

  /** Current notices, oldest first (copies, so callers cannot change the list). */
  list(): Notice[] {
    return this.notices.map((n) => ({ ...n }));
  }

  /** Removes a notice; an unknown id is ignored (it may already be dismissed in another window). */
  dismiss(id: string): void {
    const index = this.notices.findIndex((n) => n.id === id);
    if (index === -1) return;
    this.notices.splice(index, 1);
    this.changed();
  }
}
