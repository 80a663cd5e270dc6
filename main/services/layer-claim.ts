// "This is me": the analyst claims a name-based layer (`name:<name>`, the creator of records
// imported from a 1.x file, which names authors only) as their own. The one change the core
// makes to records it did not receive from their creator, so it is explicit (a call of its own,
// never a side effect of an import), limited to name-based creators (an analyst id is never
// taken over), audited (a line in dataDir/layer-claims.jsonl, written before any record changes)
// and announced on the change feed with its own origin.
//
// Each record becomes the next revision with the analyst as creator. What would make no sense as
// the analyst's is deleted in the same revision: a decision on one of the analyst's own spans, and
// a span identical (same start, end and tag) to one the analyst already has, unless something
// points at it (a decision, a comment, a copy).
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerClaimResult } from '../../shared/api';
import { type Creator, type MarginaliaRecord, type RecordKind, isLegacyCreatorId, legacyCreator } from '../../shared/model/records';
import { InputError } from './errors';
import type { NoticeBoard } from './notices';
import { appendToFile } from './storage/durable-write';
import type { RecordStore } from './store/record-store';

export const CLAIMS_FILE = 'layer-claims.jsonl';

export interface ClaimContext {
  store: RecordStore;
  dataDir: string;
  analyst: Creator | null;
  notices: NoticeBoard;
  now: Date;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function spanKey(r: { target: { start: number; end: number }; tag: string }): string {
  return `${r.target.start}:${r.target.end}:${r.tag}`;
}

/** The records of one scope as the claim rewrites them (empty when the layer has none there). */
export function claimRecords(records: readonly MarginaliaRecord[], from: string, analyst: Creator, at: string): MarginaliaRecord[] {
  const mySpans = new Set<string>();
  const mySpanIds = new Set<string>();
  const pointedAt = new Set<string>();
  for (const r of records) {
    if (r.deleted) continue;
    if (r.kind === 'span' && r.creator.id === analyst.id) {
      mySpans.add(spanKey(r));
      mySpanIds.add(r.id);
    }
    if (r.kind !== 'span') pointedAt.add(r.target.spanId);
    if (r.kind === 'span' && r.origin) pointedAt.add(r.origin.id);
  }
  const claimed: MarginaliaRecord[] = [];
  for (const r of records) {
    if (r.deleted || r.creator.id !== from) continue;
    let remove = false;
    if (r.kind === 'span') remove = mySpans.has(spanKey(r)) && !pointedAt.has(r.id);
    if (r.kind === 'review') remove = mySpanIds.has(r.target.spanId);
    claimed.push({ ...r, creator: analyst, rev: r.rev + 1, updatedAt: at, ...(remove ? { deleted: true as const } : {}) } as MarginaliaRecord);
  }
  return claimed;
}

export async function claimLegacyLayer(name: string, context: ClaimContext): Promise<LayerClaimResult> {
  const { store, analyst, notices } = context;
  if (!analyst) throw new InputError('Nothing was claimed: give your name first (Marginalia asks for it at the first start).');
  const from = legacyCreator(name.trim()).id;
  if (!isLegacyCreatorId(from)) throw new InputError(`Only a layer known by name only (from an older export) can be claimed.`);
  const at = context.now.toISOString();

  // Plan everything first, so the audit line says exactly what changes.
  const plans: { scope: string; records: MarginaliaRecord[] }[] = [];
  for (const scope of [...(await store.scopesWithFiles())].sort()) {
    const records = claimRecords(await store.list(scope), from, analyst, at);
    if (records.length > 0) plans.push({ scope, records });
  }
  const claimed: Record<RecordKind, number> = { span: 0, review: 0, comment: 0 };
  let removed = 0;
  for (const { records } of plans) {
    for (const r of records) {
      claimed[r.kind]++;
      if (r.deleted) removed++;
    }
  }
  const auditFile = join(context.dataDir, CLAIMS_FILE);
  const result: LayerClaimResult = { from, claimed, removed, documents: plans.length, auditFile };
  if (plans.length === 0) return result;

  const entry = {
    at,
    by: analyst,
    from,
    documents: plans.map(({ scope, records }) => ({ scope, records: records.map((r) => ({ id: r.id, kind: r.kind, rev: r.rev, ...(r.deleted ? { deleted: true } : {}) })) })),
  };
  const size = await lstat(auditFile).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return 0;
      throw error;
    },
  );
  await appendToFile(auditFile, `${JSON.stringify(entry)}\n`, size);

  // One batch per document: after a crash each is there whole or not at all, and the claim can
  // simply be made again (what was claimed already is no longer `name:<name>`'s).
  for (const { scope, records } of plans) await store.apply(scope, records, { mode: 'next', origin: { kind: 'claim', from } });

  const what = [plural(claimed.span, 'annotation'), plural(claimed.review, 'review decision'), plural(claimed.comment, 'comment')].join(', ');
  const duplicates = removed > 0 ? ` ${plural(removed, 'record')} that duplicated your own work ${removed === 1 ? 'was' : 'were'} removed.` : '';
  notices.raise('info', `“${name.trim()}” from older exports is now your layer: ${what} in ${plural(plans.length, 'document')} are yours.${duplicates} Recorded in ${auditFile}.`);
  return result;
}
