// What the hosts push to every open window: the change feed and status changes. Nothing polls:
// a window renders what it fetched, then follows these events.
import type { CorpusStatus, Notice } from '../api';
import type { TagCounts } from '../model';
import type { MarginaliaRecord } from '../model/records';

/** Where an applied batch came from. `clientId` names the window that made it, when one did. */
export type ChangeOrigin =
  | { kind: 'window'; clientId: string | null }
  | { kind: 'import'; source: string | null }
  | { kind: 'edited-file' }
  | { kind: 'migration' }
  /** The analyst claimed a name-based layer as theirs ("This is me"): `from` is e.g. "name:Ana". */
  | { kind: 'claim'; from: string };

/** One batch applied to a document's records, as stored (with their new revisions). */
export interface ChangesEvent {
  type: 'changes';
  docId: string;
  origin: ChangeOrigin;
  /** The records the batch saved, as stored (a delete is a tombstone). */
  records: MarginaliaRecord[];
  /** Span counts per tag after it. */
  counts: TagCounts;
  /** The same per creator id (creators with live spans only). */
  countsByCreator: Record<string, TagCounts>;
}

export interface CorpusEvent {
  type: 'corpus';
  status: CorpusStatus;
}

export interface NoticesEvent {
  type: 'notices';
  notices: Notice[];
}

/** Progress of a long call made by one window (e.g. agreement over a large corpus). */
export interface ProgressEvent {
  type: 'progress';
  task: 'agreement';
  clientId: string | null;
  done: number;
  total: number;
}

export type MarginaliaEvent = ChangesEvent | CorpusEvent | NoticesEvent | ProgressEvent;

export function isMarginaliaEvent(value: unknown): value is MarginaliaEvent {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'changes' || type === 'corpus' || type === 'notices' || type === 'progress';
}
