// The host-agnostic core: every API call that needs no dialog, implemented once for both
// the Electron shell and the loopback browser host. Plain Node; never imports electron.
import { join, resolve } from 'node:path';
import { type Creator, type MarginaliaRecord } from '../../shared/model/records';
import type { MarginaliaEvent } from '../../shared/api/events';
import type { AgreementOptions } from '../../shared/api/contract';
import { currentCall } from './api/call-context';
import {
  type AgreementReport,
  AnalystSummary,
  CorpusStatus,
  DocumentContent,
  type DocumentSearchResult,
  type DocumentStatus,
  type FolderCompletion,
  type ReviewPendingDocument,
  ExportRequest,
  ExportResult,
  ImportOrphanSet,
  ImportResult,
  type LayerClaimResult,
  SaveAck,
  SessionInfo,
  Settings,
  SettingsPatch,
  UploadedFile,
  analystOf,
} from '../../shared/api';
import { computeAgreement, listAnalysts } from './agreement-service';
import { claimLegacyLayer } from './layer-claim';
import { saveRecordBatch } from './record-saves';
import { RecordStore } from './store/record-store';
import { migrateDataDir } from './store/migrations';
import { CorpusSession, type OpenMode } from './corpus-session';
import { EditedDocuments } from './edited-documents';
import type { LoadedDocument } from './corpus-loader';
import { buildExportFile } from './export-service';
import { type Clock, NoticeBoard } from './notices';
import type { BuiltExport, MarginaliaCore, SettingsBackend } from './service-types';
import { type SettingsService, confSettingsBackend, openSettings } from './settings';
import { InputError, NotFoundError } from './errors';
import { listOrphanSets } from './import-orphans';
import { importAnnotationsFile } from './import-service';
import { exists } from './fs-safety';
import { lockDataDir } from './storage/data-dir-lock';
import { ensurePrivateDir, tightenModes } from './storage/private-dir';
import { DocumentStates } from './document-states';
import { DocumentSearch } from './document-search';
import { completeFolder, expandHome } from './path-completion';
import { ReviewOverview } from './review-overview';

export interface MarginaliaCoreOptions {
  /** Holds config.json, records/, documents/, imports/ and texts/. Created if missing. */
  dataDir: string;
  /**
   * electron-store (Electron) or conf (browser host) writing `<dataDir>/config.json`, or a
   * factory for one (preferred: an unparsable file can then be moved aside before it opens).
   * Default: conf in dataDir.
   */
  settingsBackend?: SettingsBackend | (() => SettingsBackend);
  /** Settings already opened with openSettings (then settingsBackend is ignored). */
  settings?: SettingsService;
  /** Opened on first run. */
  sampleCorpusDir: string;
  clock?: Clock;
  /** Names this process in the data dir's lock, e.g. "the browser host (npm run serve)". */
  program?: string;
  /** Which host serves the windows (reported in the session). Default: web. */
  host?: SessionInfo['host'];
}

/** Progress of a long call reaches its window at most this often. */
const PROGRESS_EVERY_MS = 100;

function describeDoc(doc: Pick<LoadedDocument, 'title' | 'fileName'>): string {
  return `“${doc.title}” (${doc.fileName})`;
}

function openCoreSettings(dataDir: string, backend: MarginaliaCoreOptions['settingsBackend'], clock: Clock): SettingsService {
  const chosen = backend ?? confSettingsBackend(dataDir);
  const createBackend = typeof chosen === 'function' ? chosen : () => chosen;
  const configPath = typeof chosen === 'function' ? join(dataDir, 'config.json') : chosen.path;
  return openSettings(createBackend, new NoticeBoard(clock), { configPath, clock });
}

export async function createMarginaliaCore(options: MarginaliaCoreOptions): Promise<MarginaliaCore> {
  const clock = options.clock ?? (() => new Date());
  const dataDir = resolve(options.dataDir);
  const documentsDir = join(dataDir, 'documents');
  await ensurePrivateDir(dataDir);
  // Before anything is read or written: a second process on this dir refuses to start.
  let lockLost: string | null = null;
  const lock = await lockDataDir(dataDir, {
    program: options.program ?? 'Marginalia',
    now: clock,
    onCompromised: (error) => {
      lockLost = `Marginalia lost its lock on the data folder ${dataDir} (${error.message}); changes are no longer saved. Restart Marginalia.`;
      notices.raise('error', lockLost);
    },
  });
  let settings: SettingsService;
  try {
    await ensurePrivateDir(documentsDir);
    await tightenModes(dataDir, 1);
    settings = options.settings ?? openCoreSettings(dataDir, options.settingsBackend, clock);
  } catch (error) {
    await lock.release();
    throw error;
  }
  const notices = settings.notices;
  /** Who saves: the analyst of this data dir, once they have given a name. */
  const analyst = (): Creator | null => analystOf(settings.get());
  try {
    await migrateDataDir({ dataDir, notices, now: clock(), analyst: analyst() });
  } catch (error) {
    await lock.release();
    throw error;
  }

  const store: RecordStore = new RecordStore({
    dir: join(dataDir, 'records'),
    notices,
    clock,
    describeScope: (scope): string | undefined => {
      const doc = corpus.get(scope); // only called once loads run, after `corpus` exists
      return doc && describeDoc(doc);
    },
  });
  const importsDir = join(dataDir, 'imports');
  const edits = new EditedDocuments({ dataDir, store, notices, importsDir, clock });
  let states: DocumentStates;
  try {
    states = await DocumentStates.open({ dataDir, notices, clock });
  } catch (error) {
    await lock.release();
    throw error;
  }
  const corpus: CorpusSession = new CorpusSession({ documentsDir, notices, settings, store, edits, states });
  const search = new DocumentSearch();
  const reviewOverview = new ReviewOverview(store);
  let closed = false;
  // One import at a time: each plans against the store as the previous one left it.
  let importQueue: Promise<unknown> = Promise.resolve();

  const requireDocument = (docId: string, action: string): LoadedDocument => {
    const doc = corpus.get(docId);
    if (!doc) throw new NotFoundError(`Cannot ${action}: no open document has id ${docId}. It may have been closed; open its folder again.`);
    return doc;
  };

  // The change feed and status changes, for every open window.
  const eventListeners = new Set<(event: MarginaliaEvent) => void>();
  const emit = (event: MarginaliaEvent): void => {
    for (const listener of eventListeners) {
      try {
        listener(event);
      } catch {
        // a window that went away must not stop the others
      }
    }
  };
  store.onApplied((batch) =>
    emit({ type: 'changes', docId: batch.scope, origin: batch.origin, records: batch.taken, counts: batch.counts, countsByCreator: store.cachedCountsByCreator(batch.scope) ?? {} }),
  );
  corpus.onStatus((status) => {
    emit({ type: 'corpus', status });
    if (!status.loading) void search.warm(corpus.all());
  });
  notices.onChange(() => emit({ type: 'notices', notices: notices.list() }));

  const core: MarginaliaCore = {
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },

    async getSession(): Promise<SessionInfo> {
      return { host: options.host ?? 'web', settings: settings.get(), notices: notices.list(), dataDir, analyst: analyst() };
    },

    async chooseAndOpen(): Promise<CorpusStatus | null> {
      return null; // no native dialog here: the UI asks for a path (the desktop app overrides this)
    },

    async exportAnnotations(request: ExportRequest): Promise<ExportResult> {
      return { kind: 'download', ...(await core.buildExport(request)) };
    },

    async updateSettings(patch: SettingsPatch): Promise<Settings> {
      return settings.update(patch);
    },

    async openPaths(typed: string[], mode: OpenMode): Promise<CorpusStatus> {
      if (typed.length === 0) throw new InputError('Nothing to open: no folder or file was given.');
      const paths = typed.map((p) => expandHome(p)); // ~/articles, as typed in the browser host
      // Refuse before touching the open corpus, so a mistyped path never empties the view.
      const found = await Promise.all(paths.map((p) => exists(p)));
      if (!found.some(Boolean)) {
        throw new InputError(`Could not open ${paths.join(', ')}: no such folder or file on this computer.`);
      }
      return corpus.open(paths, mode);
    },

    async addFiles(files: UploadedFile[]): Promise<CorpusStatus> {
      return corpus.addUploads(files);
    },

    async getCorpusStatus(): Promise<CorpusStatus> {
      return corpus.status();
    },

    async getDocument(docId: string): Promise<DocumentContent> {
      const doc = requireDocument(docId, 'show the document');
      return { id: doc.id, title: doc.title, fileName: doc.fileName, text: doc.text, warnings: [...doc.warnings] };
    },

    async listRecords(docId: string): Promise<MarginaliaRecord[]> {
      requireDocument(docId, 'list annotations');
      return store.list(docId);
    },

    async saveRecords(docId: string, records: MarginaliaRecord[]): Promise<SaveAck> {
      if (closed) throw new Error('Marginalia is closing; the change was not saved.');
      if (lockLost) throw new Error(lockLost);
      const doc = requireDocument(docId, 'save annotations');
      // Once per document, so a later edit on disk can be located exactly; a failure (a full
      // disk) must not stand in the way of the analyst's change, and is tried again next time.
      await edits.keepText(doc).catch(() => undefined);
      return saveRecordBatch(records, { store, doc, analyst: analyst(), now: clock() });
    },

    async dismissNotice(id: string): Promise<void> {
      notices.dismiss(id);
    },

    importAnnotations(content: string, sourceName?: string | null): Promise<ImportResult> {
      if (closed) return Promise.reject(new Error('Marginalia is closing; nothing was imported.'));
      const run = importQueue.then(async () => {
        const result = await importAnnotationsFile(content, sourceName ?? undefined, { corpus, store, importsDir, analyst: analyst() });
        for (const report of result.documents) {
          const doc = report.docId === null ? undefined : corpus.get(report.docId);
          if (doc && report.added + report.updated > 0) await edits.keepText(doc);
        }
        return result;
      });
      importQueue = run.catch(() => undefined);
      return run;
    },

    listImportOrphans(): Promise<ImportOrphanSet[]> {
      return listOrphanSets(importsDir, (message) => notices.raise('warning', message));
    },

    async listAnalysts(): Promise<AnalystSummary[]> {
      await corpus.whenIdle();
      return listAnalysts(corpus.all(), store, analyst());
    },

    async claimLegacyLayer(name: string): Promise<LayerClaimResult> {
      if (closed) throw new Error('Marginalia is closing; nothing was claimed.');
      if (lockLost) throw new Error(lockLost);
      await importQueue; // never in the middle of an import
      return claimLegacyLayer(name, { store, dataDir, analyst: analyst(), notices, now: clock() });
    },

    async searchDocuments(query: string): Promise<DocumentSearchResult> {
      return search.search(corpus.all(), query);
    },

    async setDocumentStatus(docId: string, status: DocumentStatus): Promise<void> {
      requireDocument(docId, 'set the status of the document');
      await corpus.setStatus(docId, status);
    },

    async removeDocuments(docIds: string[]): Promise<CorpusStatus> {
      return corpus.remove(docIds);
    },

    async completeFolder(typed: string): Promise<FolderCompletion> {
      return completeFolder(typed);
    },

    async listReviewPending(): Promise<ReviewPendingDocument[]> {
      const me = analyst();
      if (!me) return [];
      await corpus.whenIdle();
      return reviewOverview.pending(corpus.all(), me.id);
    },

    async getAgreement(analystA: string, analystB: string, scope: string, agreementOptions?: AgreementOptions | null): Promise<AgreementReport> {
      await corpus.whenIdle();
      const { clientId } = currentCall();
      let last = 0;
      const progress = (done: number, total: number) => {
        const now = Date.now();
        if (done < total && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        emit({ type: 'progress', task: 'agreement', clientId, done, total });
      };
      return computeAgreement(analystA, analystB, scope, corpus.all(), store, progress, agreementOptions ?? {});
    },

    async buildExport(request): Promise<BuiltExport> {
      await corpus.whenIdle();
      return buildExportFile({ request, documents: corpus.all(), store, exportedBy: analyst(), now: clock() });
    },

    async openInitialCorpus(explicitPaths?: string[]): Promise<void> {
      const { openSources } = settings.get();
      const paths = explicitPaths?.length ? explicitPaths : openSources.length ? openSources : [options.sampleCorpusDir];
      corpus.open(paths, 'replace', { restoring: true });
    },

    whenLoaded: () => corpus.whenIdle(),

    async close(): Promise<void> {
      closed = true;
      await importQueue;
      try {
        // Saves first: a load stuck on a bad file must not hold back what the analyst did.
        await store.flush();
        await corpus.whenIdle();
        await store.flush();
      } finally {
        await lock.release();
      }
    },
  };
  return core;
}
