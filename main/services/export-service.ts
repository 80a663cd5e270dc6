// Builds the `marginalia/annotations` export for one document or all, and checks it before it
// leaves the app: a failed check here is a bug in Marginalia, never the analyst's data.
import type { ExportRequest } from '../../shared/api';
import { ExportFileSchema, buildExport, findExportInconsistencies } from '../../shared/export-format';
import type { AnnotationStore } from './annotation-store';
import type { LoadedDocument } from './corpus-loader';
import type { BuiltExport } from './service-types';
import { InputError, NotFoundError } from './errors';

const MAX_SLUG = 60;

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
  store: AnnotationStore;
  exportedBy: string;
  now: Date;
}

function selectDocuments({ request, documents }: ExportContext): readonly LoadedDocument[] {
  if (request.scope === 'all') return documents;
  if (!request.docId) throw new InputError('Exporting the current document needs its document id; none was given.');
  const doc = documents.find((d) => d.id === request.docId);
  if (!doc) throw new NotFoundError(`Cannot export: no open document has id ${request.docId}. It may have been closed.`);
  return [doc];
}

export async function buildExportFile(context: ExportContext): Promise<BuiltExport> {
  const selected = selectDocuments(context);
  const withAnnotations = [];
  for (const doc of selected) {
    withAnnotations.push({ id: doc.id, title: doc.title, fileName: doc.fileName, text: doc.text, annotations: await context.store.list(doc.id) });
  }
  const file = buildExport(withAnnotations, { exportedBy: context.exportedBy, includeText: context.request.includeText, now: context.now });

  const parsed = ExportFileSchema.safeParse(file);
  const problems = parsed.success ? findExportInconsistencies(file) : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (problems.length > 0) {
    throw new Error(`The export failed its own checks, so it was not written (this is a bug in Marginalia): ${problems.slice(0, 5).join('; ')}`);
  }
  const first = selected[0];
  const slug = context.request.scope === 'all' || !first ? 'all-documents' : slugify(first.title, 'document');
  return {
    fileName: `marginalia-${slug}-${localDate(context.now)}.json`,
    content: `${JSON.stringify(file, null, 2)}\n`,
    documents: file.documents.length,
    annotations: file.documents.reduce((sum, d) => sum + d.annotations.length, 0),
  };
}
