// Drives rapid tag operations (puts: new annotations and retags) through the real HTTP API,
// several in flight, and records which were acknowledged. An ack means "fsynced" by contract.
import { isDeepStrictEqual } from 'node:util';
import { TAG_TYPES } from '../../shared/model';
import type { Creator, SpanRecord } from '../../shared/model/records';
import { ApiCallError, type HostProcess } from '../support/host-process';
import { type Rng, pick } from '../support/seeded';
import { type SyntheticDocument, buildSpan, randomSpan, wordSpans } from '../support/synthetic-corpus';

export interface IdHistory {
  docId: string;
  /** Every version sent, in order (one id is never in flight twice, so this is also disk order). */
  sent: SpanRecord[];
  /** Index in `sent` of the last acknowledged version, or -1. */
  acked: number;
}

export interface TagLoadResult {
  histories: Map<string, IdHistory>;
  sent: number;
  acked: number;
  /** Requests that failed other than by the kill (must be none). */
  unexpectedErrors: string[];
}

export interface TagLoadOptions {
  host: HostProcess;
  /** Who saves (the host's analyst). */
  creator: Creator;
  docs: readonly SyntheticDocument[];
  rng: Rng;
  operations: number;
  concurrency: number;
  /** Called right after the n-th request (1-based) is handed to the socket. */
  afterSend?: (n: number) => void;
}

export async function runTagLoad(options: TagLoadOptions): Promise<TagLoadResult> {
  const { host, docs, rng } = options;
  const spans = new Map(docs.map((d) => [d.id, wordSpans(d.text)]));
  const histories = new Map<string, IdHistory>();
  const inFlight = new Set<string>();
  const result: TagLoadResult = { histories, sent: 0, acked: 0, unexpectedErrors: [] };
  let stopped = false;

  const nextChange = (n: number): SpanRecord => {
    const doc = pick(rng, docs);
    const retaggable = [...histories.entries()].filter(([id, h]) => h.docId === doc.id && h.acked >= 0 && !inFlight.has(id));
    const at = new Date().toISOString();
    if (retaggable.length > 0 && rng() < 0.3) {
      const [, history] = pick(rng, retaggable);
      const previous = history.sent[history.sent.length - 1] as SpanRecord;
      const tag = pick(rng, TAG_TYPES.filter((t) => t !== previous.tag));
      // The next revision of the acknowledged one (ids are never in flight twice).
      return { ...previous, tag, note: `retag ${n}`, updatedAt: at, rev: previous.rev + 1 };
    }
    const [start, end] = randomSpan(rng, spans.get(doc.id) ?? []);
    return buildSpan(doc, { id: `op-${n}`, tag: pick(rng, TAG_TYPES), start, end, note: `created by op ${n}`, at }, options.creator);
  };

  const sendOne = async (n: number): Promise<void> => {
    const annotation = nextChange(n);
    let history = histories.get(annotation.id);
    if (!history) {
      history = { docId: annotation.target.docId, sent: [], acked: -1 };
      histories.set(annotation.id, history);
    }
    history.sent.push(annotation);
    const version = history.sent.length - 1;
    inFlight.add(annotation.id);
    const request = host.call<{ savedAt: string }>('saveRecords', annotation.target.docId, [annotation]);
    result.sent = n;
    options.afterSend?.(n);
    try {
      const ack = await request;
      if (typeof ack?.savedAt !== 'string') throw new Error(`not an acknowledgement: ${JSON.stringify(ack)}`);
      history.acked = version;
      result.acked++;
    } catch (error) {
      // A request cut off by the kill is simply unacknowledged. An error answer from the host,
      // or a broken connection before the kill, is a failure.
      if (error instanceof ApiCallError || !host.child.killed) {
        result.unexpectedErrors.push(`op ${n}: ${error instanceof Error ? error.message : String(error)}`);
      }
      stopped = true;
    } finally {
      inFlight.delete(annotation.id);
    }
  };

  let next = 1;
  const worker = async (): Promise<void> => {
    while (next <= options.operations && !stopped && !host.child.killed) {
      await sendOne(next++);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}

/** Checks the annotations found after the restart against what was sent and acknowledged. */
export function compareWithHistories(found: readonly SpanRecord[], histories: ReadonlyMap<string, IdHistory>): string[] {
  const problems: string[] = [];
  const byId = new Map(found.map((a) => [a.id, a]));
  for (const [id, history] of histories) {
    const present = byId.get(id);
    const matched = present ? history.sent.findIndex((v) => isDeepStrictEqual(v, present)) : -1;
    if (present && matched === -1) problems.push(`${id}: stored version matches nothing that was sent: ${JSON.stringify(present)}`);
    if (history.acked >= 0 && !present) problems.push(`${id}: acknowledged (version ${history.acked}) but missing`);
    if (history.acked >= 0 && present && matched !== -1 && matched < history.acked) {
      problems.push(`${id}: holds version ${matched}, older than the acknowledged version ${history.acked}`);
    }
  }
  for (const a of found) if (!histories.has(a.id)) problems.push(`${a.id}: present but never sent`);
  return problems;
}
