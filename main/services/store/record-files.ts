// The on-disk formats of the record store, per scope (a document, or the corpus): a snapshot of
// every record (tombstones included) and a JSON Lines journal with ONE LINE PER BATCH, so a batch
// is all there or not at all after a crash. Parsing is pure so it can be tested on raw bytes.
import { z } from 'zod';
import { parseJournalLines } from './journal-lines';
import { hasOnlyKeys, isPlainObject, isValidRecord } from '../../../shared/fast-checks';
import { type MarginaliaRecord, RecordSchema } from '../../../shared/model/records';
import { describeZodError, parseJsonText } from './store-file-text';

export const RECORDS_FORMAT = 'marginalia/records';
export const RECORDS_VERSION = 2;
/** The scope of records that belong to no single document (entities, cross-document links). */
export const CORPUS_SCOPE = 'corpus';
export const SCOPE_PATTERN = /^(?:[0-9a-f]{64}|corpus)$/;

const SnapshotSchema = z
  .object({
    format: z.literal(RECORDS_FORMAT),
    version: z.literal(RECORDS_VERSION),
    scope: z.string(),
    offsetUnit: z.literal('utf16'),
    records: z.array(RecordSchema),
  });

const BatchLineSchema = z.object({ at: z.string(), records: z.array(RecordSchema).min(1) }).strict();

const SNAPSHOT_KEYS: ReadonlySet<string> = new Set(['format', 'version', 'scope', 'offsetUnit', 'records']);
const BATCH_KEYS: ReadonlySet<string> = new Set(['at', 'records']);

/** What SnapshotSchema would accept unchanged (checked without zod, which is slow on 100,000 records). */
function isPlainSnapshot(data: unknown): data is z.infer<typeof SnapshotSchema> {
  return (
    isPlainObject(data) &&
    hasOnlyKeys(data, SNAPSHOT_KEYS) &&
    data.format === RECORDS_FORMAT &&
    data.version === RECORDS_VERSION &&
    typeof data.scope === 'string' &&
    data.offsetUnit === 'utf16' &&
    Array.isArray(data.records) &&
    data.records.every(isValidRecord)
  );
}

function isPlainBatch(data: unknown): data is z.infer<typeof BatchLineSchema> {
  return isPlainObject(data) && hasOnlyKeys(data, BATCH_KEYS) && typeof data.at === 'string' && Array.isArray(data.records) && data.records.length > 0 && data.records.every(isValidRecord);
}

/** The scope a record must live in: its document's, or the corpus scope. */
export function scopeOf(record: MarginaliaRecord): string {
  return record.target.docId;
}

function strayRecord(records: readonly MarginaliaRecord[], scope: string): MarginaliaRecord | undefined {
  return records.find((r) => scopeOf(r) !== scope);
}

export type SnapshotParse = { ok: true; records: MarginaliaRecord[] } | { ok: false; why: string };

/** Parses and validates a snapshot file's text; `why` says what is wrong in plain words. */
export function parseSnapshot(content: string, scope: string): SnapshotParse {
  const json = parseJsonText(content);
  if (!json.ok) return json;
  const data = json.data;
  const parsed = isPlainSnapshot(data) ? { success: true as const, data } : SnapshotSchema.safeParse(data);
  if (!parsed.success) return { ok: false, why: `the file does not match the store format: ${describeZodError(parsed.error)}` };
  if (parsed.data.scope !== scope) return { ok: false, why: `the file belongs to ${parsed.data.scope}` };
  const stray = strayRecord(parsed.data.records, scope);
  if (stray) return { ok: false, why: `record ${stray.id} belongs to ${scopeOf(stray)}` };
  return { ok: true, records: parsed.data.records };
}

export function serializeSnapshot(scope: string, records: Iterable<MarginaliaRecord>): string {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return `${JSON.stringify({ format: RECORDS_FORMAT, version: RECORDS_VERSION, scope, offsetUnit: 'utf16', records: sorted })}\n`;
}

/** One journal line: the whole batch. */
export function serializeBatch(records: readonly MarginaliaRecord[], at: Date): string {
  return `${JSON.stringify({ at: at.toISOString(), records })}\n`;
}

export interface JournalParse {
  /** Complete, valid batches in order. */
  batches: MarginaliaRecord[][];
  /** Bytes up to and including the last batch kept; anything after it is a torn tail to drop. */
  keptBytes: number;
  /** Unreadable lines that are not the last one: the journal is damaged, not just torn. */
  badLines: { line: number; why: string }[];
}

function parseLine(text: string, scope: string): { ok: true; records: MarginaliaRecord[] } | { ok: false; why: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, why: 'not valid JSON' };
  }
  // The hand-written check is exact but silent: anything it doubts goes to zod, which explains.
  const parsed = isPlainBatch(data) ? { success: true as const, data } : BatchLineSchema.safeParse(data);
  if (!parsed.success) return { ok: false, why: describeZodError(parsed.error) };
  const stray = strayRecord(parsed.data.records, scope);
  if (stray) return { ok: false, why: `record ${stray.id} belongs to ${scopeOf(stray)}` };
  return { ok: true, records: parsed.data.records };
}

/** Parses journal bytes: one batch per line (see journal-lines.ts for torn tails and damage). */
export function parseJournal(bytes: Uint8Array, scope: string): JournalParse {
  const parsed = parseJournalLines(bytes, (text) => {
    const line = parseLine(text, scope);
    return line.ok ? { ok: true, value: line.records } : line;
  });
  return { batches: parsed.values, keptBytes: parsed.keptBytes, badLines: parsed.badLines };
}
