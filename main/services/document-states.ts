// The analyst's own bookkeeping about documents, kept in dataDir/document-states.json: when each
// document was first opened here, the status the analyst gave it (not started, in progress, done)
// and which files were removed from the open set. This is the analyst's workflow, not evidence:
// it never travels in an export or an import, needs no creator or revision, and stays small (one
// entry per document ever opened), so it is one JSON file written whole through the verified
// write path, like the settings. An unreadable file is moved aside, never wiped.
import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { z } from 'zod';
import { type DocumentStatus, DocumentStatusSchema } from '../../shared/api';
import { describeFsError, moveAside } from './fs-safety';
import type { Clock, NoticeBoard } from './notices';
import { replaceFile } from './storage/durable-write';

const STATES_FORMAT = 'marginalia/document-states';
export const DOCUMENT_STATES_FILE = 'document-states.json';

const EntrySchema = z.object({
  addedAt: z.string(),
  status: DocumentStatusSchema.optional(),
  statusAt: z.string().optional(),
});

const StatesFileSchema = z.object({
  format: z.literal(STATES_FORMAT),
  version: z.literal(1),
  documents: z.record(z.string(), EntrySchema),
  /** Files removed from the open set (absolute path → the id of their text then). */
  removed: z.record(z.string(), z.string()),
});
type StatesFile = z.infer<typeof StatesFileSchema>;

export interface DocumentStatesOptions {
  dataDir: string;
  notices: NoticeBoard;
  clock?: Clock;
}

export class DocumentStates {
  private data: StatesFile = { format: STATES_FORMAT, version: 1, documents: {}, removed: {} };
  private writes: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly clock: Clock;

  private constructor(private readonly options: DocumentStatesOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  static async open(options: DocumentStatesOptions): Promise<DocumentStates> {
    const states = new DocumentStates(options);
    await states.load();
    return states;
  }

  get path(): string {
    return join(this.options.dataDir, DOCUMENT_STATES_FILE);
  }

  private async load(): Promise<void> {
    let content: string;
    try {
      content = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      this.options.notices.raise('warning', `Document statuses could not be read from ${this.path} (${describeFsError(error)}); every document shows as not started until it is readable.`);
      return;
    }
    let parsed: ReturnType<typeof StatesFileSchema.safeParse>;
    try {
      parsed = StatesFileSchema.safeParse(JSON.parse(content));
    } catch {
      parsed = StatesFileSchema.safeParse(undefined);
    }
    if (parsed.success) {
      this.data = parsed.data;
      return;
    }
    let where = '';
    try {
      where = ` It was moved to ${await moveAside(this.path, this.clock())}.`;
    } catch (error) {
      where = ` (It could not be moved aside: ${describeFsError(error)}.)`;
    }
    this.options.notices.raise('warning', `Document statuses in ${this.path} could not be read (not in the expected format); they start again from “not started”.${where}`);
  }

  /** When `docId` was first opened here; a document seen for the first time is recorded now. */
  addedAt(docId: string): string {
    const known = this.data.documents[docId];
    if (known) return known.addedAt;
    const addedAt = this.clock().toISOString();
    this.data.documents[docId] = { addedAt };
    this.dirty = true;
    return addedAt;
  }

  status(docId: string): DocumentStatus {
    return this.data.documents[docId]?.status ?? 'not-started';
  }

  setStatus(docId: string, status: DocumentStatus): Promise<void> {
    const entry = this.data.documents[docId] ?? { addedAt: this.clock().toISOString() };
    this.data.documents[docId] = { ...entry, status, statusAt: this.clock().toISOString() };
    this.dirty = true;
    return this.save();
  }

  /** Whether the file at `absolutePath` was removed from the open set. */
  isRemoved(absolutePath: string): boolean {
    return Object.hasOwn(this.data.removed, absolutePath);
  }

  /** The removed file that held this text, if any. */
  removedPathOf(docId: string): string | undefined {
    return Object.entries(this.data.removed).find(([, id]) => id === docId)?.[0];
  }

  /** Whether a file under `folder` was removed from the open set. */
  hasRemovedUnder(folder: string): boolean {
    const prefix = folder.endsWith(sep) ? folder : folder + sep;
    return Object.keys(this.data.removed).some((path) => path.startsWith(prefix));
  }

  markRemoved(files: readonly { absolutePath: string; id: string }[]): void {
    for (const file of files) this.data.removed[file.absolutePath] = file.id;
    if (files.length > 0) this.dirty = true;
  }

  /** Takes files back into the open set (opened again on purpose); returns how many were removed. */
  restore(isRestored: (absolutePath: string) => boolean): number {
    let restored = 0;
    for (const path of Object.keys(this.data.removed)) {
      if (!isRestored(path)) continue;
      delete this.data.removed[path];
      restored++;
    }
    if (restored > 0) this.dirty = true;
    return restored;
  }

  /** Writes the file if anything changed since the last write; resolves once it is on disk. */
  save(): Promise<void> {
    const run = this.writes.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await replaceFile(this.path, `${JSON.stringify(this.data)}\n`);
      } catch (error) {
        this.dirty = true;
        throw new Error(`Could not save document statuses to ${this.path}: ${describeFsError(error)}`);
      }
    });
    this.writes = run.catch(() => undefined);
    return run;
  }
}
