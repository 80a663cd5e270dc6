// The data that crosses the API: settings, corpus status, documents, import and agreement
// reports. The calls themselves are one table in shared/api/contract.ts.
import { z } from 'zod';
import type { AgreementSummary, Disagreement } from './agreement';
import type { ExportedAnnotation, ExportedSpan } from './export-format';
import type { TagCounts } from './model';
import type { Creator, RecordKind } from './model/records';

export const DocIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');

export const SettingsSchema = z.object({
  analystName: z.string().trim().min(1).max(200).nullable(),
  /**
   * The analyst's stable id, generated once: it decides whose records are whose, so two analysts
   * who typed the same name stay two layers. The name is only what is shown.
   */
  analystId: z.string().regex(/^[A-Za-z0-9-]{8,100}$/).nullable(),
  /** Extend selections to whole words when tagging. */
  wordSnap: z.boolean(),
  recentFolders: z.array(z.string()).max(10),
  /** Folders and files currently open; reopened at the next start. */
  openSources: z.array(z.string()).max(1000),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { analystName: null, analystId: null, wordSnap: true, recentFolders: [], openSources: [] };

/** Who saves with these settings: the analyst, once they have given a name. */
export function analystOf(settings: Pick<Settings, 'analystName' | 'analystId'>): Creator | null {
  const { analystName, analystId } = settings;
  return analystName && analystId ? { id: analystId, name: analystName, kind: 'person' } : null;
}

export const SettingsPatchSchema = SettingsSchema.pick({ analystName: true, wordSnap: true }).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export interface DocumentSummary {
  id: string;
  title: string;
  fileName: string;
  /** Where it was loaded from, relative to the opened folder when there is one. */
  path: string;
  /** Length in UTF-16 code units. */
  length: number;
  counts: TagCounts;
  /** For example: invalid UTF-8 bytes were replaced. */
  warnings: string[];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface CorpusStatus {
  loading: boolean;
  /** Files read so far and files found, for the progress bar. */
  done: number;
  total: number;
  documents: DocumentSummary[];
  skipped: SkippedFile[];
}

export interface DocumentContent {
  id: string;
  title: string;
  fileName: string;
  text: string;
  warnings: string[];
}

export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  at: string;
}

export interface SessionInfo {
  host: 'electron' | 'web';
  settings: Settings;
  notices: Notice[];
  /** Where annotations and settings live, shown to the user. */
  dataDir: string;
  /** Who saves from this window (null until the analyst has given a name). */
  analyst: Creator | null;
}

export interface SaveAck {
  docId: string;
  /** Set once the change is fsynced to disk. */
  savedAt: string;
  counts: TagCounts;
  /** The new revision of every record the batch touched (null: deleted). */
  /** The new revision of every record the batch saved. */
  revs: Record<string, number>;
}

export const UploadedFileSchema = z.object({
  name: z.string().min(1).max(255),
  /** Raw bytes, base64: the host decodes them with the same rules as files on disk. */
  base64: z.string().max(70_000_000),
});
export type UploadedFile = z.infer<typeof UploadedFileSchema>;

export const ExportRequestSchema = z.object({
  scope: z.enum(['document', 'all']),
  docId: DocIdSchema.optional(),
  includeText: z.boolean(),
  /** 2 (records; the default) or 1.1 (annotations with embedded reviews, for older Marginalia). */
  version: z.union([z.literal(2), z.literal(1.1)]).default(2),
});
/** As a caller writes it: `version` may be left out (2). */
export type ExportRequest = z.input<typeof ExportRequestSchema>;

export type ExportResult =
  | { kind: 'saved'; path: string; documents: number; annotations: number }
  | { kind: 'download'; fileName: string; content: string; documents: number; annotations: number }
  | { kind: 'cancelled' };

/** What became of one document of an imported file. */
export interface ImportedDocumentReport {
  /** Its place in the file, e.g. "documents[2]". */
  path: string;
  /** The id in the file (SHA-256 of its text). */
  fileDocId: string;
  title: string;
  fileName: string;
  /**
   * matched: the same text is open here; added: it was missing and the file carried its text,
   * so it was saved into the data folder and opened; reanchored: a near-identical text (same
   * title or file name) is open and the annotations were re-anchored into it; unmatched:
   * nowhere to put them (all its annotations are orphans).
   */
  outcome: 'matched' | 'added' | 'reanchored' | 'unmatched';
  /** The local document the annotations went into (null when unmatched). */
  docId: string | null;
  added: number;
  updated: number;
  unchanged: number;
  /** Placed somewhere other than their exported offsets (by context or fuzzy match). */
  reanchored: number;
  orphans: number;
}

/** An imported annotation that could not be placed: kept in the orphans file, never dropped. */
export interface ImportOrphan {
  /** e.g. "documents[2].annotations[5]" */
  path: string;
  fileDocId: string;
  documentTitle: string;
  fileName: string;
  /** As in the file (offsets in code points of the exported text): a 1 / 1.1 annotation or a version-2 span. */
  annotation: ExportedAnnotation | ExportedSpan;
  reason: string;
}

/** What an import did with the records of one kind. */
export interface ImportCounts {
  added: number;
  updated: number;
  /** Already here as in the file, or older than what is here. */
  unchanged: number;
}

export interface ImportResult {
  /** First 16 hex digits of the SHA-256 of the file: names its orphans file. */
  importId: string;
  exportedBy: string;
  exportedAt: string;
  version: number;
  documentsMatched: number;
  documentsAdded: number;
  documentsReanchored: number;
  documentsUnmatched: number;
  annotationsAdded: number;
  annotationsUpdated: number;
  /** Annotations already here exactly as in the file (importing twice changes nothing). */
  unchanged: number;
  /** Annotations placed by context or fuzzy match rather than at their exported offsets. */
  annotationsReanchored: number;
  orphans: ImportOrphan[];
  /** Where the orphans were saved (dataDir/imports/<importId>.orphans.json), or null if none. */
  orphansFile: string | null;
  /** Creators of the records in the file (name-based for files of format 1 / 1.1), sorted by name. */
  authors: Creator[];
  /** Per kind of record; `span` repeats annotationsAdded, annotationsUpdated and unchanged. */
  recordCounts: Record<RecordKind, ImportCounts>;
  documents: ImportedDocumentReport[];
  /**
   * E.g. which annotations were placed by fuzzy matching, which records here were kept over a
   * diverged copy in the file, reviews and comments left out with their orphaned spans. At most 100.
   */
  warnings: string[];
}

/** The orphans of one import, as saved in dataDir/imports/. */
export interface ImportOrphanSet {
  importId: string;
  sourceName: string | null;
  exportedBy: string;
  exportedAt: string;
  orphans: ImportOrphan[];
}

/** A layer: everything one creator made. */
export interface AnalystSummary extends Creator {
  /** Annotations (spans) by this analyst in the open documents. */
  annotations: number;
  documents: number;
}

export interface AgreementDocumentRow {
  docId: string;
  title: string;
  fileName: string;
  /** Spans of analyst A and B in this document. */
  countA: number;
  countB: number;
  summary: AgreementSummary;
}

/** Agreement of analyst B with analyst A (the reference) on one document or on all. */
export interface AgreementReport {
  analystA: Creator;
  analystB: Creator;
  /** A document id, or 'all'. */
  scope: string;
  /** Pooled over `documents` (for one document, that document's figures). */
  summary: AgreementSummary;
  /** The documents compared: where at least one of the two has an annotation. */
  documents: AgreementDocumentRow[];
  /** In document order, then text order (UTF-16 offsets, like annotations). At most 5,000. */
  disagreements: Disagreement[];
  disagreementsTotal: number;
}
