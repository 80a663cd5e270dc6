// Saving a window's batch of records: who may change what, that spans match the text, and that
// each record is the next revision of the stored one. A batch is all or nothing.
import type { SaveAck } from '../../shared/api';
import type { Creator, MarginaliaRecord } from '../../shared/model/records';
import type { LoadedDocument } from './corpus-loader';
import { ConflictError, ForbiddenChangeError, InputError } from './errors';
import { batchProblems } from './record-validation';
import { type RecordStore, StaleRecordError } from './store/record-store';

const MAX_LISTED_PROBLEMS = 5;

function quoted(text: string): string {
  return `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`;
}

function describeDoc(doc: Pick<LoadedDocument, 'title' | 'fileName'>): string {
  return `“${doc.title}” (${doc.fileName})`;
}

function listed(problems: readonly string[]): string {
  const more = problems.length > MAX_LISTED_PROBLEMS ? ` (and ${problems.length - MAX_LISTED_PROBLEMS} more)` : '';
  return `${problems.slice(0, MAX_LISTED_PROBLEMS).join('; ')}${more}`;
}

/** What a record is, in words, for messages: a span by its quote, others by kind. */
function nameOf(record: MarginaliaRecord | null, fallback: MarginaliaRecord): string {
  const shown = record ?? fallback;
  if (shown.kind === 'span') return quoted(shown.target.quote);
  return `the ${shown.kind} on annotation ${shown.target.spanId}`;
}

/** Names each stale record for the analyst; the window then shows the saved state. */
function conflictError(error: StaleRecordError, records: readonly MarginaliaRecord[]): ConflictError {
  const described = error.conflicts.slice(0, MAX_LISTED_PROBLEMS).map((c) => {
    const sent = records.find((r) => r.id === c.id) as MarginaliaRecord;
    if (c.stored === null) return `${nameOf(null, sent)} was deleted`;
    if (c.stored.deleted) return `${nameOf(c.stored, sent)} was deleted`;
    if (c.sentRev === 1) return `${nameOf(c.stored, sent)} already exists`;
    return `${nameOf(c.stored, sent)} was changed`;
  });
  const more = error.conflicts.length > MAX_LISTED_PROBLEMS ? ` (and ${error.conflicts.length - MAX_LISTED_PROBLEMS} more)` : '';
  return new ConflictError(
    `Not saved: ${described.join('; ')}${more} in another window since this one loaded it. The current version is shown now.`,
    error.conflicts.map((c) => c.id),
  );
}

export interface SaveContext {
  store: RecordStore;
  doc: LoadedDocument;
  analyst: Creator | null;
  now: Date;
}

export async function saveRecordBatch(records: readonly MarginaliaRecord[], context: SaveContext): Promise<SaveAck> {
  const { store, doc, analyst } = context;
  if (!analyst) throw new InputError('Not saved: give your name first (Marginalia asks for it at the first start).');
  // Only the records the batch names or points at: a save costs the same whatever the document holds.
  const named = new Set<string>();
  for (const r of records) {
    named.add(r.id);
    if (r.kind === 'span' && r.origin) named.add(r.origin.id);
    if (r.kind !== 'span') named.add(r.target.spanId);
    if (r.kind === 'review' && r.copyId) named.add(r.copyId);
  }
  const stored = await store.getMany(doc.id, named);
  const problems = batchProblems(records, { docId: doc.id, text: doc.text, analyst, stored });
  if (problems.length > 0) {
    const message = `Changes to ${describeDoc(doc)} were not saved: ${listed(problems)}.`;
    throw problems.some((p) => p.includes('only its creator') || p.includes('saved by their creator')) ? new ForbiddenChangeError(message) : new InputError(message);
  }
  try {
    const { taken, counts } = await store.apply(doc.id, records, { mode: 'next' });
    return { docId: doc.id, savedAt: context.now.toISOString(), counts, revs: Object.fromEntries(taken.map((r) => [r.id, r.rev])) };
  } catch (error) {
    if (error instanceof StaleRecordError) throw conflictError(error, records);
    throw error;
  }
}
