// The one contract between the renderer and either host: every call, its argument schema (zod,
// checked by both hosts before a call reaches a service) and its result type. Both hosts'
// handlers, the Electron bridge, the HTTP client and the TypeScript interface are derived from
// this table; adding a call is one entry here plus its implementation in main/services.
import { z } from 'zod';
import {
  type AgreementReport,
  type AnalystSummary,
  type CorpusStatus,
  DocIdSchema,
  type DocumentContent,
  type DocumentSearchResult,
  DocumentStatusSchema,
  ExportRequestSchema,
  type ExportResult,
  type FolderCompletion,
  type ImportOrphanSet,
  type ImportResult,
  type LayerClaimResult,
  type ReviewPendingDocument,
  type SaveAck,
  type SessionInfo,
  type Settings,
  SettingsPatchSchema,
  UploadedFileSchema,
} from '../api';
import { type MarginaliaRecord, RecordSchema } from '../model/records';

/** The UI splits saves into batches of at most this much JSON (and MAX_CHANGES_PER_SAVE changes). */
export const SAVE_BATCH_MAX_BYTES = 512 * 1024;
export const MAX_CHANGES_PER_SAVE = 1000;

/** The import file's text (JSON), sent whole: the UI reads the chosen file; the host checks the size. */
export const ImportContentSchema = z.string().max(120_000_000);
const creatorId = z.string().min(1).max(220);
const paths = z.array(z.string().min(1).max(4096)).min(1).max(1000);

/** How agreement is measured: by default on independent work only (no accepted copies). */
export const AgreementOptionsSchema = z.object({ includeAcceptedCopies: z.boolean().optional() }).strict();
export type AgreementOptions = z.infer<typeof AgreementOptionsSchema>;

/** One call: its argument tuple, and (as a type only) what it resolves with. */
interface CallSpec<A extends z.ZodTuple, R> {
  args: A;
  /** Never set: carries the result type. */
  result?: R;
}
const returns =
  <R>() =>
  <A extends z.ZodTuple>(args: A): CallSpec<A, R> => ({ args });

export const API = {
  getSession: returns<SessionInfo>()(z.tuple([])),
  updateSettings: returns<Settings>()(z.tuple([SettingsPatchSchema])),
  openPaths: returns<CorpusStatus>()(z.tuple([paths, z.enum(['replace', 'add'])])),
  /** Desktop: shows an open dialog. Browser host: null (the UI asks for a path). */
  chooseAndOpen: returns<CorpusStatus | null>()(z.tuple([z.enum(['folder', 'files'])])),
  addFiles: returns<CorpusStatus>()(z.tuple([z.array(UploadedFileSchema).min(1).max(2000)])),
  getCorpusStatus: returns<CorpusStatus>()(z.tuple([])),
  getDocument: returns<DocumentContent>()(z.tuple([DocIdSchema])),
  /** The document's live records: spans, review decisions, comments. */
  listRecords: returns<MarginaliaRecord[]>()(z.tuple([DocIdSchema])),
  /**
   * Saves a batch of the analyst's own records, all or nothing. Each must be the next revision
   * of the stored one (rev 1 for a new record); a delete is a tombstone (`deleted: true`).
   */
  saveRecords: returns<SaveAck>()(z.tuple([DocIdSchema, z.array(RecordSchema).min(1).max(MAX_CHANGES_PER_SAVE)])),
  /** Desktop: asks where and writes the file. Browser host: the content, for the page to download. */
  exportAnnotations: returns<ExportResult>()(z.tuple([ExportRequestSchema])),
  dismissNotice: returns<void>()(z.tuple([z.string().min(1).max(100)])),
  /**
   * A `marginalia/annotations` file and optionally its name (for messages and the orphans file).
   * Validated whole first: a bad file throws a message naming each problem and changes nothing.
   */
  importAnnotations: returns<ImportResult>()(z.tuple([ImportContentSchema, z.string().max(255).nullish()])),
  /** Orphans of every import so far (newest first). */
  listImportOrphans: returns<ImportOrphanSet[]>()(z.tuple([])),
  /** Every creator with annotations in the open documents: the layers. */
  listAnalysts: returns<AnalystSummary[]>()(z.tuple([])),
  /**
   * "This is me": the records of a name-based layer (`name:<name>`, from 1.x files) become the
   * analyst's, as new revisions by them; recorded in the data dir. The only change the core makes
   * to records of another creator, and only at the analyst's explicit request.
   */
  claimLegacyLayer: returns<LayerClaimResult>()(z.tuple([z.string().trim().min(1).max(200)])),
  /**
   * Agreement of analyst B with analyst A (by creator id) on one document or all. Copies made by
   * accepting (spans with `origin`) are not independent work: left out unless
   * `includeAcceptedCopies`.
   */
  getAgreement: returns<AgreementReport>()(z.tuple([creatorId, creatorId, z.union([DocIdSchema, z.literal('all')]), AgreementOptionsSchema.nullish()])),
  /** Open documents whose title or text holds every word of the query (folded: case, accents, quotes). */
  searchDocuments: returns<DocumentSearchResult>()(z.tuple([z.string().max(1000)])),
  /** The analyst's status of a document (not started, in progress, done); announced as a corpus event. */
  setDocumentStatus: returns<void>()(z.tuple([DocIdSchema, DocumentStatusSchema])),
  /** Takes documents out of the open set (their annotations stay in the data folder). */
  removeDocuments: returns<CorpusStatus>()(z.tuple([z.array(DocIdSchema).min(1).max(10_000)])),
  /** Folders whose path starts with a typed one (`~` is the home folder); names only, never contents. */
  completeFolder: returns<FolderCompletion>()(z.tuple([z.string().max(4096)])),
  /** Open documents with other analysts' annotations that the analyst has not decided on yet. */
  listReviewPending: returns<ReviewPendingDocument[]>()(z.tuple([])),
};

export type ApiMethod = keyof typeof API;
export const API_METHODS = Object.keys(API) as ApiMethod[];

type Spec<M extends ApiMethod> = (typeof API)[M];
export type ApiResult<M extends ApiMethod> = NonNullable<Spec<M>['result']> extends never ? void : Exclude<Spec<M>['result'], undefined>;
/** Arguments as a caller writes them (optional ones may be left out). */
export type ApiCallArgs<M extends ApiMethod> = z.input<Spec<M>['args']>;
/** Arguments as a handler receives them, after validation. */
export type ApiHandlerArgs<M extends ApiMethod> = z.output<Spec<M>['args']>;

/** The typed API the renderer calls. */
export type MarginaliaApi = { [M in ApiMethod]: (...args: ApiCallArgs<M>) => Promise<ApiResult<M>> };
/** What implements it in a host: validated arguments in, result out. */
export type ApiHandlers = { [M in ApiMethod]: (...args: ApiHandlerArgs<M>) => Promise<ApiResult<M>> };

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API, name);
}
