// The data that crosses the API: settings, corpus status, documents, import and agreement
// reports. The calls themselves are one table in shared/api/contract.ts.
import { z } from 'zod';
import type { AgreementSummary, Disagreement } from './agreement';
import type { ExportedAnnotation, ExportedSpan } from './export-format';
import type { TagCounts } from './model';
import type { Creator, RecordKind } from './model/records';

export const DocIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');

/** What the Export dialog remembers: the last choice, in the dialog's own terms. */
export const ExportChoiceSchema = z.object({
  scope: z.enum(['document', 'all']),
  includeText: z.boolean(),
  format: z.enum(['json-2', 'json-1.1', 'csv']),
  /** mine: the analyst's own layer; chosen: the analysts in `analysts`. */
  layers: z.enum(['all', 'mine', 'chosen']),
  analysts: z.array(z.string().min(1).max(220)).max(1000),
});
export type ExportChoice = z.infer<typeof ExportChoiceSchema>;

/** Widths (CSS px) of the documents panel (left) and annotations panel (right), and whether each is hidden. */
export const PanelLayoutSchema = z
  .object({
    left: z.number().int().min(120).max(2000),
    right: z.number().int().min(120).max(2000),
    leftCollapsed: z.boolean(),
    rightCollapsed: z.boolean(),
  })
  .strict();
export type PanelLayout = z.infer<typeof PanelLayoutSchema>;
export const DEFAULT_PANEL_LAYOUT: PanelLayout = { left: 260, right: 320, leftCollapsed: false, rightCollapsed: false };

export const THEMES = ['system', 'light', 'dark'] as const;
export const ThemeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof ThemeSchema>;

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
  /** The Export dialog's last choice, offered again next time (absent: the defaults). */
  lastExport: ExportChoiceSchema.optional(),
  /** Side panel widths (CSS px) and whether the analyst hid them. */
  layout: PanelLayoutSchema,
  /** Colour scheme: follow the system, or always light or dark. */
  theme: ThemeSchema,
  /** The first-run tour (tag, review, export) was dismissed. */
  tourDone: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { analystName: null, analystId: null, wordSnap: true, recentFolders: [], openSources: [], layout: DEFAULT_PANEL_LAYOUT, theme: 'system', tourDone: false };

/** Who saves with these settings: the analyst, once they have given a name. */
export function analystOf(settings: Pick<Settings, 'analystName' | 'analystId'>): Creator | null {
  const { analystName, analystId } = settings;
  return analystName && analystId ? { id: analystId, name: analystName, kind: 'person' } : null;
}

export const SettingsPatchSchema = SettingsSchema.pick({ analystName: true, wordSnap: true, lastExport: true, layout: true, theme: true, tourDone: true }).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** How far the analyst has got with a document; set by the analyst. */
export const DOCUMENT_STATUSES = ['not-started', 'in-progress', 'done'] as const;
export const DocumentStatusSchema = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatusSchema>;

export interface DocumentSummary {
  id: string;
  title: string;
  fileName: string;
  /** Where it was loaded from, relative to the opened folder when there is one. */
  path: string;
  /** Length in UTF-16 code units. */
  length: number;
  /** Live spans per tag, every layer. */
  counts: TagCounts;
  /** Live spans per tag of each creator (by creator id) that has any here. */
  countsByCreator: Record<string, TagCounts>;
  /** When the document was first opened in this data dir (ISO time). */
  addedAt: string;
  status: DocumentStatus;
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
  /** 2 (records; the default) or 1.1 (annotations with embedded reviews, for older Marginalia). JSON only. */
  version: z.union([z.literal(2), z.literal(1.1)]).default(2),
  /** `json` (marginalia/annotations) or `csv` (one row per span). */
  format: z.enum(['json', 'csv']).default('json'),
  /** Whose records: every layer, or those of the creators listed (by creator id). */
  layers: z.union([z.literal('all'), z.array(z.string().min(1).max(220)).min(1).max(1000)]).default('all'),
});
/** As a caller writes it: `version`, `format` and `layers` may be left out (2, json, all). */
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

/** An imported span that was not at its exported offsets and was placed by matching text. */
export interface ImportPlacement {
  /** The local document it went into. */
  docId: string;
  spanId: string;
  /** context: its quote with the text around it; fuzzy: a close but not exact match of the quote. */
  method: 'context' | 'fuzzy';
  /** 0–1: how well it matched. */
  score: number;
}

/** An author of an imported file who has the analyst's name but is not (known to be) the analyst. */
export interface NameClash {
  creator: Creator;
  /** E.g. "Ana (from ana.json) is not you: kept as a separate layer". */
  message: string;
  /**
   * A name-based layer (from a 1.x file, which names authors only): the analyst may say "This is
   * me" (claimLegacyLayer). A layer with an analyst id of its own is someone else's, always.
   */
  claimable: boolean;
}

/** What claimLegacyLayer did: the records of `name:<name>` that became the analyst's. */
export interface LayerClaimResult {
  /** The name-based creator id that was claimed, e.g. "name:Ana". */
  from: string;
  /** Records re-owned, per kind (a new revision each, created by the analyst). */
  claimed: Record<RecordKind, number>;
  /** Of those, deleted in the same step: spans identical to one of the analyst's own, decisions on the analyst's own spans. */
  removed: number;
  documents: number;
  /** Where the claim is recorded (dataDir/layer-claims.jsonl). */
  auditFile: string;
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
  /** Which those are (at most 1,000), for the analyst to check. */
  placedByMatch: ImportPlacement[];
  orphans: ImportOrphan[];
  /** Where the orphans were saved (dataDir/imports/<importId>.orphans.json), or null if none. */
  orphansFile: string | null;
  /** Creators of the records in the file (name-based for files of format 1 / 1.1), sorted by name. */
  authors: Creator[];
  /**
   * Authors in the file with the analyst's own name who are not the analyst (another id, or a
   * name from a 1.x file): kept as separate layers, never merged into the analyst's.
   */
  nameClashes?: NameClash[];
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
  /**
   * Spans of A and of B in the compared documents that are copies made by accepting (they have
   * an `origin`), and whether they were compared (by default they are left out: agreement
   * measures independent work).
   */
  acceptedCopies: { included: boolean; a: number; b: number };
}

/** A document that matches a search of the Documents list. */
export interface DocumentSearchHit {
  docId: string;
  /** Every word is in the title. */
  inTitle: boolean;
  /** Occurrences of the words in the text (counting stops past 999). */
  matches: number;
  /** Around the first match in the text, on one line (null: only the title matched). */
  excerpt: { before: string; match: string; after: string } | null;
}

export interface DocumentSearchResult {
  query: string;
  /** The words searched for, folded (lower case, no accents, plain quotes). */
  terms: string[];
  /** In the order of the Documents list. */
  hits: DocumentSearchHit[];
}

/** Folders for a path being typed (browser host's Open folder field). */
export interface FolderCompletion {
  /** The typed path with `~` expanded. */
  expanded: string;
  /** Absolute paths of folders that start with it, sorted; at most 50. */
  folders: string[];
  /** More folders matched (or the folder was too large to look at whole). */
  more: boolean;
}

/** A document with other analysts' annotations the analyst has not decided on. */
export interface ReviewPendingDocument {
  docId: string;
  /** Items of the review queue left in it. */
  pending: number;
  /** Other analysts' annotations in it (reviewed or not). */
  total: number;
}
