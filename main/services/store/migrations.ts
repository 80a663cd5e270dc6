// Numbered, one-way migrations of the data dir, run at start before anything else reads it.
// dataDir/data-version.json says which version the data dir is at; a data dir without it that
// has an annotations/ folder was written by version 1 (one flat annotation per span).
//   0001 (1 → 2): annotations/<doc>.json|journal → records/<doc>.json; spans, reviews and
//   comments become records of their makers; annotations/ is kept whole under backup/.
import { readFile, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Annotation } from '../../../shared/model';
import { type Creator, type MarginaliaRecord, legacyCreator } from '../../../shared/model/records';
import { recordsFromV1 } from '../../../shared/interchange/v1-records';
import { describeFsError, fileSafeTimestamp, fsyncDirectory } from '../fs-safety';
import { SafeReadError, readRegularFile } from '../safe-read';
import type { NoticeBoard } from '../notices';
import { replaceFile } from '../storage/durable-write';
import { ensurePrivateDir } from '../storage/private-dir';
import { parseJournal as parseV1Journal, parseSnapshot as parseV1Snapshot, applyOp as applyV1Op } from './v1-store-files';
import { serializeSnapshot } from './record-files';

export const DATA_DIR_VERSION = 2;
const VERSION_FILE = 'data-version.json';
const VersionSchema = z.object({ format: z.literal('marginalia/data-dir'), version: z.number().int().positive() }).strict();

export interface MigrationContext {
  dataDir: string;
  notices: NoticeBoard;
  now: Date;
  /** The analyst of this data dir (their records become theirs), if they gave a name yet. */
  analyst: Creator | null;
}

interface Migration {
  to: number;
  name: string;
  run(context: MigrationContext): Promise<string | null>;
}

const MIGRATIONS: readonly Migration[] = [{ to: 2, name: '0001-records', run: migrateToRecords }];

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The data dir's version: from its version file, else 1 when it holds version-1 annotations. */
export async function dataDirVersion(dataDir: string): Promise<number> {
  try {
    const parsed = VersionSchema.safeParse(JSON.parse(await readFile(join(dataDir, VERSION_FILE), 'utf8')));
    if (parsed.success) return parsed.data.version;
  } catch {
    // missing or unreadable: look at what is there
  }
  return (await exists(join(dataDir, 'annotations'))) ? 1 : DATA_DIR_VERSION;
}

/** Brings the data dir to DATA_DIR_VERSION; each step says what it did in a notice. */
export async function migrateDataDir(context: MigrationContext): Promise<void> {
  let version = await dataDirVersion(context.dataDir);
  if (version > DATA_DIR_VERSION) {
    throw new Error(`The data folder ${context.dataDir} was written by a newer Marginalia (data version ${version}; this one reads up to ${DATA_DIR_VERSION}). Update Marginalia, or choose another data folder.`);
  }
  for (const migration of MIGRATIONS) {
    if (version >= migration.to) continue;
    const report = await migration.run(context);
    version = migration.to;
    await writeVersion(context.dataDir, version);
    if (report) context.notices.raise('info', report);
  }
  if (!(await exists(join(context.dataDir, VERSION_FILE)))) await writeVersion(context.dataDir, version);
}

async function writeVersion(dataDir: string, version: number): Promise<void> {
  await replaceFile(join(dataDir, VERSION_FILE), `${JSON.stringify({ format: 'marginalia/data-dir', version })}\n`);
}

/** A version-1 store file's bytes; null when missing or not a plain file (a link, a FIFO: reported). */
async function readV1File(path: string, problems: string[]): Promise<Buffer | null> {
  try {
    return await readRegularFile(path, { maxBytes: 512 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`${path}: ${error instanceof SafeReadError ? error.reason : describeFsError(error)}; not converted`);
    return null;
  }
}

/** Reads one version-1 document without writing anything: readable changes kept, damage reported. */
async function readV1Document(dir: string, docId: string, problems: string[]): Promise<Annotation[]> {
  const annotations = new Map<string, Annotation>();
  const snapshotPath = join(dir, `${docId}.json`);
  const snapshot = (await readV1File(snapshotPath, problems))?.toString('utf8') ?? null;
  if (snapshot !== null) {
    const parsed = parseV1Snapshot(snapshot, docId);
    if (parsed.ok) for (const a of parsed.annotations) annotations.set(a.id, a);
    else problems.push(`${snapshotPath}: ${parsed.why}`);
  }
  const journalPath = join(dir, `${docId}.journal`);
  const journal = await readV1File(journalPath, problems);
  if (journal !== null) {
    const parsed = parseV1Journal(journal, docId);
    for (const op of parsed.ops) applyV1Op(annotations, op);
    if (parsed.badLines.length > 0) problems.push(`${journalPath}: damaged (${parsed.badLines.map((b) => `line ${b.line}: ${b.why}`).join('; ')}); its readable changes were kept`);
  }
  return [...annotations.values()];
}

/**
 * 0001: every document's version-1 annotations become records in records/<doc>.json. The
 * annotations of the analyst of this data dir become theirs (their stable id); other authors'
 * get a name-based creator, as imports of 1.1 files do. Written first, then annotations/ moves
 * whole into backup/ (a crash before that reruns the conversion, which gives the same files).
 */
async function migrateToRecords(context: MigrationContext): Promise<string | null> {
  const oldDir = join(context.dataDir, 'annotations');
  if (!(await exists(oldDir))) return null;
  const newDir = join(context.dataDir, 'records');
  await ensurePrivateDir(newDir);
  const creatorFor = (name: string): Creator => (context.analyst && name === context.analyst.name ? context.analyst : legacyCreator(name));
  const docIds = [...new Set((await readdir(oldDir)).flatMap((name) => /^([0-9a-f]{64})\.(json|journal)$/.exec(name)?.[1] ?? []))].sort();
  const problems: string[] = [];
  const counts = { documents: 0, spans: 0, reviews: 0, comments: 0 };
  for (const docId of docIds) {
    const records: MarginaliaRecord[] = recordsFromV1(await readV1Document(oldDir, docId, problems), creatorFor);
    if (records.length === 0) continue;
    await replaceFile(join(newDir, `${docId}.json`), serializeSnapshot(docId, records));
    counts.documents++;
    for (const r of records) counts[r.kind === 'span' ? 'spans' : r.kind === 'review' ? 'reviews' : 'comments']++;
  }
  const base = join(context.dataDir, 'backup', `${fileSafeTimestamp(context.now)}-before-0001-records`);
  let backupDir = base;
  for (let n = 2; await exists(backupDir); n++) backupDir = `${base}-${n}`;
  await ensurePrivateDir(backupDir);
  await rename(oldDir, join(backupDir, 'annotations'));
  await fsyncDirectory(backupDir);
  await fsyncDirectory(context.dataDir);
  const damaged = problems.length > 0 ? ` Some files were damaged and only their readable parts were converted: ${problems.join('; ')}.` : '';
  return (
    `The data folder was updated to the new record format: ${counts.spans} annotations, ${counts.reviews} review decisions and ${counts.comments} comments in ${counts.documents} documents. ` +
    `The old files were kept in ${backupDir}.${damaged}`
  );
}
