// Builds the `marginalia/annotations` export (version 2, or 1.1 for older copies of Marginalia)
// for one document or all, from the record store, and checks it before it leaves the app:
// schema, then offsets, quotes and references. A failed check here is a bug in Marginalia,
// never the analyst's data.
import type { ExportRequest } from '../../shared/api';
import {
  EXPORT_VERSION,
  type ExportedDocument,
  type ExportedDocumentV1,
  type WritableExportVersion,
  assembleExport,
  assembleLegacyExport,
  buildExportDocument,
  buildLegacyExportDocument,
  findDocumentInconsistencies,
  findExportSchemaProblems,
} from '../../shared/export-format';
import type { Creator, MarginaliaRecord } from '../../shared/model/records';
import type { RecordStore } from './store/record-store';
import type { LoadedDocument } from './corpus-loader';
import type { BuiltExport } from './service-types';
import { mapWithConcurrency } from './concurrency';
import { InputError, NotFoundError } from './errors';
import { csvHeader, csvRowsOf } from './csv-export';

const MAX_SLUG = 60;
/** Store files read at once: enough to overlap disk reads with parsing, few open handles. */
const STORE_READ_CONCURRENCY = 8;
/**
 * Exports up to this many characters (compact) are pretty-printed for people to read; larger
 * ones are written compact, where indentation would add ~15% to the size and pretty-printing
 * costs as much as building the export. 8 M characters fit the 1 MB article with 10,000
 * annotations; readers must not rely on the layout either way.
 */
export const PRETTY_PRINT_MAX_CHARS = 8_000_000;

/** A lowercase ASCII slug for file names, e.g. "Drone strike near Kherson" -> "drone-strike-near-kherson". */
export function slugify(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG) return slug || fallback;
  const cut = slug.slice(0, MAX_SLUG + 1);
  // end at a whole word when there is one to end at
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, MAX_SLUG);
}

/** YYYY-MM-DD in the analyst's local time. */
export function localDate(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export interface ExportContext {
  request: ExportRequest;
  /** Open documents in display order. */
  documents: readonly LoadedDocument[];
  /** Only `list` is used. */
  store: Pick<RecordStore, 'list'>;
  /** The analyst exporting (null: not named yet, written as "unknown"). */
  exportedBy: Creator | null;
  now: Date;
}

function selectDocuments({ request, documents }: ExportContext): readonly LoadedDocument[] {
  if (request.scope === 'all') return documents;
  if (!request.docId) throw new InputError('Exporting the current document needs its document id; none was given.');
  const doc = documents.find((d) => d.id === request.docId);
  if (!doc) throw new NotFoundError(`Cannot export: no open document has id ${request.docId}. It may have been closed.`);
  return [doc];
}

/** Pretty-printed up to `maxPrettyChars` (measured compact), compact beyond; ends with a newline. */
export function serializeExport(file: unknown, maxPrettyChars = PRETTY_PRINT_MAX_CHARS): string {
  const compact = JSON.stringify(file);
  return `${compact.length <= maxPrettyChars ? JSON.stringify(file, null, 2) : compact}\n`;
}

/**
 * The records of the chosen layers (creator ids), or all. Spans of other layers stay as tombstones,
 * which are never exported but still name the creator of a copy's origin; their reviews and
 * comments are left out, as are the chosen layers' records about spans that are not exported.
 */
export function recordsOfLayers(records: readonly MarginaliaRecord[], layers: ExportRequest['layers']): MarginaliaRecord[] {
  if (layers === undefined || layers === 'all') return [...records];
  const chosen = new Set(layers);
  const kept: MarginaliaRecord[] = [];
  for (const record of records) {
    if (chosen.has(record.creator.id)) kept.push(record);
    else if (record.kind === 'span') kept.push(record.deleted ? record : { ...record, deleted: true });
  }
  return kept;
}

function fileNameOf(context: ExportContext, selected: readonly LoadedDocument[], extension: string): string {
  const first = selected[0];
  const slug = context.request.scope === 'all' || !first ? 'all-documents' : slugify(first.title, 'document');
  return `marginalia-${slug}-${localDate(context.now)}.${extension}`;
}

/** CSV: a header, then one row per live span of the chosen layers, document by document. */
async function buildCsvFile(context: ExportContext, selected: readonly LoadedDocument[]): Promise<BuiltExport> {
  const parts = await mapWithConcurrency([...selected], STORE_READ_CONCURRENCY, async (doc) => {
    const records = recordsOfLayers(await context.store.list(doc.id), context.request.layers);
    return csvRowsOf(doc, records);
  });
  return {
    fileName: fileNameOf(context, selected, 'csv'),
    content: csvHeader() + parts.map((p) => p.rows).join(''),
    documents: selected.length,
    annotations: parts.reduce((sum, p) => sum + p.count, 0),
  };
}

export async function buildExportFile(context: ExportContext): Promise<BuiltExport> {
  const selected = selectDocuments(context);
  if (context.request.format === 'csv') return buildCsvFile(context, selected);
  const { includeText } = context.request;
  const version: WritableExportVersion = context.request.version ?? EXPORT_VERSION;
  const problemsByDocument: string[][] = [];
  // Each document is built and checked as soon as its records are read, so only the export
  // itself (not every document's store records as well) stays in memory. Tombstones are read
  // too (a deleted original still names the creator of a copy's origin), never exported.
  const documents = await mapWithConcurrency(selected.map((doc, index) => ({ doc, index })), STORE_READ_CONCURRENCY, async ({ doc, index }) => {
    const records = recordsOfLayers(await context.store.list(doc.id, { withDeleted: true }), context.request.layers);
    const source = { id: doc.id, title: doc.title, fileName: doc.fileName, text: doc.text, records };
    const built = version === 2 ? buildExportDocument(source, includeText) : buildLegacyExportDocument(source, includeText);
    problemsByDocument[index] = findDocumentInconsistencies(built, index);
    return built;
  });
  const options = { exportedBy: context.exportedBy, includeText, now: context.now };
  const file = version === 2 ? assembleExport(documents as ExportedDocument[], options) : assembleLegacyExport(documents as ExportedDocumentV1[], options);
  // Schema problems first, as before: an offset check on a malformed file says little.
  const schemaProblems = findExportSchemaProblems(file);
  const reported = schemaProblems.length > 0 ? schemaProblems : problemsByDocument.flat();
  if (reported.length > 0) {
    throw new Error(`The export failed its own checks, so it was not written (this is a bug in Marginalia): ${reported.slice(0, 5).join('; ')}`);
  }
  return {
    fileName: fileNameOf(context, selected, 'json'),
    content: serializeExport(file),
    documents: file.documents.length,
    annotations: (file.documents as { annotations: unknown[] }[]).reduce((sum, d) => sum + d.annotations.length, 0),
  };
}
