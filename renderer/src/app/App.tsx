// The Marginalia window: documents on the left, the article with its toolbar in the
// centre, the selected annotation and the annotation list on the right.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ExportRequest, analystOf } from '../../../shared/api';
import { api } from '../api/api';
import { downloadTextFile } from '../api/download';
import type { Disagreement } from '../../../shared/agreement';
import { AgreementPanel } from '../agreement/AgreementPanel';
import { ALL_AUTHORS, AnnotationList, type TagFilter } from '../annotations/AnnotationList';
import { SelectedAnnotationPanel } from '../annotations/SelectedAnnotationPanel';
import type { ArticleController } from '../article/article-controller';
import { ChooseAnnotationMenu } from '../article/ChooseAnnotationMenu';
import { type ArticleHandlers, LexicalArticle } from '../article/LexicalArticle';
import { DocumentList } from '../documents/DocumentList';
import { ImportResultDialog } from '../import/ImportResultDialog';
import { OrphansDialog } from '../import/OrphansDialog';
import { isImportFile, useImport } from '../import/useImport';
import { LayersPanel } from '../layers/LayersPanel';
import { useLayers } from '../layers/useLayers';
import { ReviewQueuePanel } from '../review/ReviewQueuePanel';
import { useReviewActions } from '../review/useReviewActions';
import { useReviewKeys } from '../review/useReviewKeys';
import { useReviewQueue } from '../review/useReviewQueue';
import { OpenFolderDialog } from '../documents/OpenFolderDialog';
import { Notices } from '../session/Notices';
import { WelcomeDialog } from '../session/WelcomeDialog';
import { RefusedChanges } from '../saving/RefusedChanges';
import { SaveQueue } from '../state/save-queue';
import { ExportDialog } from '../toolbar/ExportDialog';
import { Toolbar } from '../toolbar/Toolbar';
import { useAnnotationActions } from './useAnnotationActions';
import { useCorpus } from './useCorpus';
import { useFileDrop } from './useFileDrop';
import { useMenuCommands } from './useMenuCommands';
import { useOpenDocument } from './useOpenDocument';
import { useSession } from './useSession';
import { useShortcuts } from './useShortcuts';
import { useUploads } from './useUploads';

type DialogKind = 'open-folder' | 'export' | 'orphans' | null;

export function App() {
  const { session, error: sessionError, updateSettings, dismissNotice } = useSession();
  const [saves] = useState(() => new SaveQueue(api));
  const doc = useOpenDocument(saves);
  const corpus = useCorpus();

  const [message, setMessage] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [filter, setFilter] = useState<TagFilter>('all');
  const [authorFilter, setAuthorFilter] = useState<string>(ALL_AUTHORS);
  const [agreementOpen, setAgreementOpen] = useState(false);
  const controllerRef = useRef<ArticleController | null>(null);
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const settings = session?.settings ?? null;
  // From the settings, so it follows a name given or changed in this window at once.
  const me = useMemo(() => (settings ? analystOf(settings) : null), [settings]);
  const layers = useLayers(doc.snapshot.sorted, me, controllerRef, doc.store?.docId ?? null);

  const actions = useAnnotationActions({
    doc,
    controllerRef,
    analyst: me,
    wordSnap: settings?.wordSnap ?? true,
    isShown: layers.isShown,
    say: setMessage,
  });
  const review = useReviewActions(doc, me, setMessage);
  const queue = useReviewQueue(doc.snapshot.records, me, doc.store?.docId ?? null, actions.reveal);
  const queueCurrent = queue.current;
  useReviewKeys(queue.open, {
    next: queue.next,
    previous: queue.previous,
    accept: () => void (queueCurrent && review.accept(queueCurrent)),
    reject: () => queueCurrent && queue.setMode('reject'),
    comment: () => queueCurrent && queue.setMode('comment'),
  });

  // The article calls back through a ref so it never re-renders for a new callback.
  const articleHandlers = useRef<ArticleHandlers>({ onUndo: () => {}, onRedo: () => {}, onPointAt: () => {} });
  useEffect(() => {
    articleHandlers.current = { onUndo: actions.undo, onRedo: actions.redo, onPointAt: actions.pointAt };
  }, [actions]);
  useShortcuts(actions);

  // Open the first document once a corpus is there; drop the open one if it left the corpus.
  const { store, open: openDocument, close: closeDocument, loadingId } = doc;
  const status = corpus.corpus;
  useEffect(() => {
    if (!status || status.loading) return;
    if (store && !status.documents.some((d) => d.id === store.docId)) closeDocument();
    else if (!store && loadingId === null && status.documents[0]) void openDocument(status.documents[0].id);
  }, [status, store, loadingId, openDocument, closeDocument]);

  const { upload, pickFiles, fileInput } = useUploads(corpus.addFiles, setMessage);

  // After an import: new documents, new annotations in the open one, new analysts.
  const currentDocId = store?.docId ?? null;
  const { refresh: refreshCorpus } = corpus;
  const { refreshAnalysts } = layers;
  const reloadAfterImport = useCallback(async () => {
    await refreshCorpus();
    if (currentDocId) await openDocument(currentDocId);
    refreshAnalysts();
  }, [refreshCorpus, currentDocId, openDocument, refreshAnalysts]);
  const waitForSaves = useCallback(() => saves.whenAllSettled(), [saves]);
  const imports = useImport(waitForSaves, reloadAfterImport);
  const { importFile } = imports;
  // Dropped export files (.json) are imported; article files are opened.
  const onDrop = useCallback(
    (files: File[]) => {
      const exportFile = files.find((f) => isImportFile(f.name));
      if (exportFile) void importFile(exportFile);
      const articles = files.filter((f) => !isImportFile(f.name));
      if (articles.length > 0 || !exportFile) void upload(articles);
    },
    [importFile, upload],
  );
  const dragging = useFileDrop(onDrop);

  // Agreement: clicking a disagreement opens its document, then selects and flashes the span.
  const jump = useRef<Disagreement | null>(null);
  const { reveal } = actions;
  const revealJump = useCallback(() => {
    const d = jump.current;
    if (!d || store?.docId !== d.docId) return;
    jump.current = null;
    const id = d.a?.id ?? d.b?.id;
    const target = id === undefined ? undefined : store.get(id);
    // In the next frame: a just-opened document is painted by then.
    if (target) requestAnimationFrame(() => reveal(target));
  }, [store, reveal]);
  useEffect(revealJump, [revealJump]);
  const onJump = useCallback(
    (d: Disagreement) => {
      jump.current = d;
      if (currentDocId === d.docId) revealJump();
      else void openDocument(d.docId);
    },
    [currentDocId, openDocument, revealJump],
  );

  const openFolder = useCallback(async () => {
    try {
      if (!(await corpus.chooseAndOpen('folder'))) setDialog('open-folder');
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  }, [corpus]);

  const openFiles = useCallback(async () => {
    // The browser's own picker needs the click's user activation, so use it directly.
    if (session?.host !== 'electron') return pickFiles();
    try {
      if (!(await corpus.chooseAndOpen('files'))) pickFiles();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  }, [corpus, session?.host, pickFiles]);

  const openExport = useCallback(() => setDialog('export'), []);
  const closeDialog = useCallback(() => setDialog(null), []);
  const onOpenFolder = useCallback(() => void openFolder(), [openFolder]);
  const onOpenFiles = useCallback(() => void openFiles(), [openFiles]);
  useMenuCommands({ openFolder, openFiles, exportAnnotations: openExport, importAnnotations: imports.chooseImportFile });
  const showOrphans = useCallback(() => setDialog('orphans'), []);
  const toggleReview = useCallback(() => queue.setOpen(!queue.open), [queue]);
  const toggleAgreement = useCallback(() => {
    setAgreementOpen((open) => !open);
    refreshAnalysts();
  }, [refreshAnalysts]);
  const closeAgreement = useCallback(() => setAgreementOpen(false), []);

  const runExport = useCallback(
    async (request: ExportRequest) => {
      await saves.whenAllSettled();
      const result = await api.exportAnnotations(request);
      if (result.kind === 'download') downloadTextFile(result.fileName, result.content);
      return result;
    },
    [saves],
  );

  // Anything not yet fsynced (a note being typed included) makes leaving ask first; coming back
  // online sends what waits for a retry.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!saves.hasUnsaved) return;
      event.preventDefault();
      event.returnValue = ''; // older Chromium (and Electron) look at returnValue
    };
    const onOnline = () => saves.retryNow();
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('online', onOnline);
    };
  }, [saves]);
  const onNoteDraft = useCallback((id: string, active: boolean) => saves.setDraft(`note:${id}`, active), [saves]);

  const onWordSnapChange = useCallback((wordSnap: boolean) => void updateSettings({ wordSnap }).catch((e: unknown) => setMessage(String(e))), [updateSettings]);
  const { selectedId } = doc.snapshot;
  // The store hands out the current object for an id, so this follows edits (snapshot changes re-render).
  const selected = selectedId === null ? null : (store?.get(selectedId) ?? null);
  const errors = [sessionError, doc.error].filter((e): e is string => e !== null);

  return (
    <div className="app">
      <Notices notices={session?.notices ?? []} onDismiss={(id) => void dismissNotice(id)} />
      <RefusedChanges saves={saves} onMessage={setMessage} />
      <div className="workspace">
        <aside className="sidebar">
          <DocumentList
            corpus={status}
            currentId={store?.docId ?? null}
            error={corpus.error}
            onOpenDocument={openDocument}
            onOpenFolder={onOpenFolder}
            onOpenFiles={onOpenFiles}
          />
          <LayersPanel authors={layers.authors} me={me} settings={layers.settings} onChange={layers.setSettings} onShowOrphans={showOrphans} />
        </aside>
        <main className="center">
          <Toolbar
            canTag={store !== null}
            wordSnap={settings?.wordSnap ?? true}
            saves={saves}
            onTag={actions.tag}
            onWordSnapChange={onWordSnapChange}
            onExport={openExport}
            onImport={imports.chooseImportFile}
            reviewOpen={queue.open}
            onToggleReview={toggleReview}
            agreementOpen={agreementOpen}
            onToggleAgreement={toggleAgreement}
          />
          {queue.open && <ReviewQueuePanel queue={queue} records={doc.snapshot.records} me={me} actions={review} />}
          <LexicalArticle store={store} loading={loadingId !== null} controllerRef={controllerRef} scrollerRef={scrollerRef} handlers={articleHandlers} />
          {agreementOpen && (
            <AgreementPanel
              analysts={layers.authors}
              me={me}
              currentDocId={currentDocId}
              onJump={onJump}
              onClose={closeAgreement}
            />
          )}
        </main>
        <aside className="inspector">
          <SelectedAnnotationPanel
            annotation={selected}
            records={doc.snapshot.records}
            me={me}
            review={review}
            onRetag={actions.retag}
            onNote={actions.setNote}
            onDelete={actions.remove}
            onNoteDraft={onNoteDraft}
          />
          <AnnotationList
            annotations={layers.visible}
            records={doc.snapshot.records}
            selectedId={doc.snapshot.selectedId}
            filter={filter}
            onFilterChange={setFilter}
            authors={layers.authors}
            authorFilter={authorFilter}
            onAuthorFilterChange={setAuthorFilter}
            me={me}
            onActivate={actions.reveal}
          />
        </aside>
      </div>
      <footer className="statusbar">
        <p className="statusbar-message" aria-live="polite">
          {errors.length > 0 ? `⚠ ${errors.join(' · ')}` : message}
        </p>
        {settings?.analystName && <p className="statusbar-item">Annotating as {settings.analystName}</p>}
        {session && <p className="statusbar-item statusbar-data" title={session.dataDir}>Data: {session.dataDir}</p>}
      </footer>
      {fileInput}
      {imports.importInput}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop .txt or .md files or folders to open them</p>
        </div>
      )}
      {actions.chooser && (
        <ChooseAnnotationMenu {...actions.chooser} onChoose={actions.choose} onClose={actions.closeChooser} />
      )}
      {session && settings?.analystName === null && <WelcomeDialog onSubmit={(name) => updateSettings({ analystName: name })} />}
      {dialog === 'open-folder' && (
        <OpenFolderDialog recentFolders={settings?.recentFolders ?? []} onOpen={(path) => corpus.openPaths([path])} onClose={closeDialog} />
      )}
      {dialog === 'orphans' && <OrphansDialog onClose={closeDialog} />}
      {imports.outcome && <ImportResultDialog outcome={imports.outcome} onClose={imports.closeOutcome} />}
      {dialog === 'export' && (
        <ExportDialog
          currentDocId={store?.docId ?? null}
          currentTitle={store?.document.title ?? null}
          onExport={runExport}
          onDone={setMessage}
          onClose={closeDialog}
        />
      )}
    </div>
  );
}
