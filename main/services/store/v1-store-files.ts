// The version-1 store (data dirs before records): one snapshot of annotations per document and a
// JSON Lines journal of idempotent operations. Only read now, by the migration to records
// (migrations.ts). Parsing is pure so it can be tested on raw bytes.
import { z } from 'zod';
import { parseJournalLines } from './journal-lines';
import { isPlainObject, isStringOfLength, isValidAnnotation } from '../../../shared/fast-checks';
import { type Annotation, AnnotationSchema, compareAnnotations } from '../../../shared/model';
import { describeZodError, parseJsonText } from './store-file-text';

export const STORE_FORMAT = 'marginalia/store';
export const STORE_VERSION = 1;

const SnapshotSchema = z.object({
  format: z.literal(STORE_FORMAT),
  version: z.literal(STORE_VERSION),
  docId: z.string(),
  offsetUnit: z.literal('utf16'),
  annotations: z.array(AnnotationSchema),
});

export const JournalOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), annotation: AnnotationSchema }),
  z.object({ op: z.literal('delete'), id: z.string().min(1).max(100) }),
]);
export type JournalOp = z.infer<typeof JournalOpSchema>;

const SNAPSHOT_KEYS: ReadonlySet<string> = new Set(['format', 'version', 'docId', 'offsetUnit', 'annotations']);

/** What SnapshotSchema would accept unchanged; anything else goes through zod, which explains. */
function isPlainValidSnapshot(data: unknown): data is z.infer<typeof SnapshotSchema> {
  if (!isPlainObject(data)) return false;
  for (const key in data) if (!SNAPSHOT_KEYS.has(key)) return false;
  return (
    data.format === STORE_FORMAT &&
    data.version === STORE_VERSION &&
    typeof data.docId === 'string' &&
    data.offsetUnit === 'utf16' &&
    Array.isArray(data.annotations) &&
    data.annotations.every(isValidAnnotation)
  );
}

/** What JournalOpSchema would accept unchanged. */
function isPlainValidOp(data: unknown): data is JournalOp {
  if (!isPlainObject(data)) return false;
  let keys = 0;
  for (const key in data) {
    keys++;
    if (key !== 'op' && key !== (data.op === 'put' ? 'annotation' : 'id')) return false;
  }
  if (keys !== 2) return false;
  return data.op === 'put' ? isValidAnnotation(data.annotation) : data.op === 'delete' && isStringOfLength(data.id, 1, 100);
}

export type SnapshotParse = { ok: true; annotations: Annotation[] } | { ok: false; why: string };

/** Parses and validates a snapshot file's text; `why` says what is wrong in plain words. */
export function parseSnapshot(content: string, docId: string): SnapshotParse {
  const json = parseJsonText(content);
  if (!json.ok) return json;
  const data = json.data;
  const parsed = isPlainValidSnapshot(data) ? { success: true as const, data } : SnapshotSchema.safeParse(data);
  if (!parsed.success) return { ok: false, why: `the file does not match the store format: ${describeZodError(parsed.error)}` };
  if (parsed.data.docId !== docId) return { ok: false, why: `the file belongs to document ${parsed.data.docId}` };
  const stray = parsed.data.annotations.find((a) => a.docId !== docId);
  if (stray) return { ok: false, why: `annotation ${stray.id} belongs to document ${stray.docId}` };
  return { ok: true, annotations: parsed.data.annotations };
}

export function serializeSnapshot(docId: string, annotations: Iterable<Annotation>): string {
  const sorted = [...annotations].sort(compareAnnotations);
  return `${JSON.stringify({ format: STORE_FORMAT, version: STORE_VERSION, docId, offsetUnit: 'utf16', annotations: sorted })}\n`;
}

export function applyOp(annotations: Map<string, Annotation>, op: JournalOp): void {
  if (op.op === 'put') annotations.set(op.annotation.id, op.annotation);
  else annotations.delete(op.id);
}

export interface JournalParse {
  ops: JournalOp[];
  /** Complete, valid lines (blank lines are not counted). */
  lines: number;
  /** Bytes up to and including the last line kept; anything after it is a torn tail to drop. */
  keptBytes: number;
  /** Unreadable lines that are not the last one: the journal is damaged, not just torn. */
  badLines: { line: number; why: string }[];
}

function parseLine(text: string, docId: string): { ok: true; op: JournalOp } | { ok: false; why: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, why: 'not valid JSON' };
  }
  const parsed = isPlainValidOp(data) ? { success: true as const, data } : JournalOpSchema.safeParse(data);
  if (!parsed.success) return { ok: false, why: describeZodError(parsed.error) };
  if (parsed.data.op === 'put' && parsed.data.annotation.docId !== docId) {
    return { ok: false, why: `annotation ${parsed.data.annotation.id} belongs to document ${parsed.data.annotation.docId}` };
  }
  return { ok: true, op: parsed.data };
}

/** Parses version-1 journal bytes (see journal-lines.ts for torn tails and damage). */
export function parseJournal(bytes: Uint8Array, docId: string): JournalParse {
  const parsed = parseJournalLines(bytes, (text) => {
    const line = parseLine(text, docId);
    return line.ok ? { ok: true, value: line.op } : line;
  });
  return { ops: parsed.values, lines: parsed.values.length, keptBytes: parsed.keptBytes, badLines: parsed.badLines };
}
