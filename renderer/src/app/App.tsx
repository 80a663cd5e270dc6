// The Marginalia window: documents on the left, the article with its toolbar in the
// centre, the selected annotation and the annotation list on the right.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ExportChoice, type ExportRequest, type Theme, analystOf } from '../../../shared/api';
import { TAG_TYPES } from '../../../shared/model';
import { api } from '../api/api';
import { downloadTextFile } from '../api/download';
import type { Disagreement } from '../../../shared/agreement';
import { AgreementPanel } from '../agreement/AgreementPanel';
import { ALL_AUTHORS, AnnotationList, type TagFilter } from '../annotations/AnnotationList';
import { SelectedAnnotationPanel } from '../annotations/SelectedAnnotationPanel';
import type { ArticleController } from '../article/article-controller';
import { ChooseAnnotationMenu } from '../article/ChooseAnnotationMenu';
import { CrossParagraphDialog } from '../article/CrossParagraphDialog';
import { ShortcutSheet } from '../help/ShortcutSheet';
import { Tour } from '../help/Tour';
import { type ArticleHandlers, LexicalArticle } from '../article/LexicalArticle';
import { DocumentList } from '../documents/DocumentList';
import { DropOverlay } from '../documents/DropOverlay';
import { EmptyCorpus } from '../documents/EmptyCorpus';
import { ImportResultDialog } from '../import/ImportResultDialog';
import { OrphansDialog } from '../import/OrphansDialog';
import { useImport } from '../import/useImport';
import { LayersPanel } from '../layers/LayersPanel';
import { useLayers } from '../layers/useLayers';
import { ReviewQueuePanel } from '../review/ReviewQueuePanel';
import { useReviewActions } from '../review/useReviewActions';
import { useReviewKeys } from '../review/useReviewKeys';
import { useReviewQueue } from '../review/useReviewQueue';
import { OpenFolderDialog } from '../documents/OpenFolderDialog';
import { Notices } from '../session/Notices';
import { WelcomeDialog } from '../session/WelcomeDialog';
import { SettingsDialog } from '../settings/SettingsDialog';
import { onLayersChanged } from '../settings/layer-events';
import { RefusedChanges } from '../saving/RefusedChanges';
import { HostRestarted } from '../saving/HostRestarted';
import { useKeptChanges } from '../saving/useKeptChanges';
import { SaveQueue } from '../state/save-queue';
import { ExportDialog } from '../toolbar/ExportDialog';
import { Toolbar } from '../toolbar/Toolbar';
import { useAnnotationActions } from './useAnnotationActions';
import { useCorpus } from './useCorpus';
import { sortDrop, useFileDrop } from './useFileDrop';
import { useMenuCommands } from './useMenuCommands';
import { useOpenDocument } from './useOpenDocument';
import { useSession } from './useSession';
import { useShortcuts } from './useShortcuts';
import { useUploads } from './useUploads';
import { LiveRegion } from '../layout/LiveRegion';
import { PanelSeparator } from '../layout/PanelSeparator';
import { PanelToggle } from '../layout/PanelToggle';
import { SkipLink } from '../layout/SkipLink';
import { ThemeSwitch } from '../layout/ThemeSwitch';
import { useTheme } from '../layout/theme';
import { usePanelLayout } from '../layout/usePanelLayout';
import { useRegionKeys } from '../layout/useRegionKeys';
import { useTagAnnouncement } from '../layout/useTagAnnouncement';

type DialogKind = 'open-folder' | 'export' | 'orphans' | null;

export function App() {
  const { session, error: sessionError, updateSettings, dismissNotice } = useSession();
  const [saves] = useState(() => new SaveQueue(api));
  const doc = useOpenDocument(saves);
  // Unsaved changes are kept in this tab too; those kept before a host restart are saved now.
  const keptNote = useKeptChanges(saves, session?.dataDir ?? null, doc.store?.docId ?? null, doc.open);
  const corpus = useCorpus();

  const [message, setMessage] = useState<string | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [filter, setFilter] = useState<TagFilter>('all');
  const [authorFilter, setAuthorFilter] = useState<string>(ALL_AUTHORS);
  const [agreementOpen, setAgreementOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
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
  // The review queue's whole-corpus walk goes through the open documents in corpus order.
  const corpusDocuments = corpus.corpus?.documents;
  // The corpus-wide review walk follows the Documents list as shown, then any document it hides.
  const [listOrder, setListOrder] = useState<readonly string[]>([]);
  // Counts change with every save; the order rarely does, and an unchanged one re-renders nothing.
  const followListOrder = useCallback(
    (ids: readonly string[]) => setListOrder((previous) => (previous.length === ids.length && previous.every((id, i) => id === ids[i]) ? previous : ids)),
    [],
  );
  const reviewCorpus = useMemo(() => {
    const all = corpusDocuments?.map((d) => d.id) ?? [];
    const open = new Set(all);
    const shown = new Set(listOrder);
    return { order: [...listOrder.filter((id) => open.has(id)), ...all.filter((id) => !shown.has(id))], open: doc.open };
  }, [corpusDocuments, listOrder, doc.open]);
  const queue = useReviewQueue(doc.snapshot.records, me, doc.store?.docId ?? null, actions.reveal, reviewCorpus);
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
    articleHandlers.current = {
      onUndo: actions.undo,
      onRedo: actions.redo,
      onPointAt: actions.pointAt,
      onDropEdge: actions.dropBoundary,
      onStepEdge: actions.moveBoundary,
      canEdit: (span) => span.creator.id === me?.id,
    };
  }, [actions, me]);
  // Tagging says what it did through the live region ("Claim added: …").
  const tag = useTagAnnouncement(actions.tag, doc.store);
  const confirmCrossing = useTagAnnouncement(actions.confirmCrossing, doc.store);
  const showShortcuts = useCallback(() => setShortcutsOpen(true), []);
  const shortcutActions = useMemo(() => ({ ...actions, tag, showHelp: showShortcuts }), [actions, tag, showShortcuts]);
  useShortcuts(shortcutActions);
  useRegionKeys();

  // Open the first document once a corpus is there; drop the open one if it left the corpus.
  const { store, open: openDocument, close: closeDocument, loadingId } = doc;
  const status = corpus.corpus;
  useEffect(() => {
    if (!status || status.loading) return;
    if (store && !status.documents.some((d) => d.id === store.docId)) closeDocument();
    else if (!store && loadingId === null && status.documents[0]) void openDocument(status.documents[0].id);
  }, [status, store, loadingId, openDocument, closeDocument]);

  const { upload, pickFiles, fileInput } = useUploads(corpus.addFiles, setMessage);
  // A dropped (or picked) file opens.
  const { added } = corpus;
  useEffect(() => {
    if (added) void openDocument(added.id);
  }, [added, openDocument]);

  // After an import: new documents, new annotations in the open one, new analysts.
  const currentDocId = store?.docId ?? null;
  const { refresh: refreshCorpus } = corpus;
  const { refreshAnalysts } = layers;
  useEffect(() => onLayersChanged(refreshAnalysts), [refreshAnalysts]);
  const reloadAfterImport = useCallback(async () => {
    await refreshCorpus();
    if (currentDocId) await openDocument(currentDocId);
    refreshAnalysts();
  }, [refreshCorpus, currentDocId, openDocument, refreshAnalysts]);
  const waitForSaves = useCallback(() => saves.whenAllSettled(), [saves]);
  const imports = useImport(waitForSaves, reloadAfterImport);
  const { importFile } = imports;
  // A dropped export (.json) is imported; article files are opened.
  const onDrop = useCallback(
    (files: File[]) => {
      const { exportFile, articles, message: dropMessage } = sortDrop(files);
      if (exportFile) void importFile(exportFile);
      if (articles.length > 0) void upload(articles);
      if (dropMessage) setMessage(dropMessage);
    },
    [importFile, upload],
  );
  const dragging = useFileDrop(onDrop);

  // Agreement (a disagreement) and the import result (an annotation placed by matching text):
  // opens the document, then selects and flashes the span.
  const jump = useRef<{ docId: string; id: string } | null>(null);
  const { reveal } = actions;
  const revealJump = useCallback(() => {
    const j = jump.current;
    if (!j || store?.docId !== j.docId) return;
    jump.current = null;
    const target = store.get(j.id);
    // In the next frame: a just-opened document is painted by then.
    if (target) requestAnimationFrame(() => reveal(target));
  }, [store, reveal]);
  useEffect(revealJump, [revealJump]);
  const jumpTo = useCallback(
    (docId: string, id: string) => {
      jump.current = { docId, id };
      if (currentDocId === docId) revealJump();
      else void openDocument(docId);
    },
    [currentDocId, openDocument, revealJump],
  );
  const onJump = useCallback(
    (d: Disagreement) => {
      const id = d.a?.id ?? d.b?.id;
      if (id !== undefined) jumpTo(d.docId, id);
    },
    [jumpTo],
  );
  const { closeOutcome } = imports;
  const showImported = useCallback(
    (docId: string, id: string) => {
      closeOutcome();
      jumpTo(docId, id);
    },
    [closeOutcome, jumpTo],
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

  const { workspaceRef, ...panels } = usePanelLayout(settings?.layout, updateSettings, setMessage);
  useTheme(settings?.theme ?? null);
  const onThemeChange = useCallback((theme: Theme) => void updateSettings({ theme }).catch((e: unknown) => setMessage(String(e))), [updateSettings]);
  const onWordSnapChange = useCallback((wordSnap: boolean) => void updateSettings({ wordSnap }).catch((e: unknown) => setMessage(String(e))), [updateSettings]);
  const { selectedId } = doc.snapshot;
  // The store hands out the current object for an id, so this follows edits (snapshot changes re-render).
  const selected = selectedId === null ? null : (store?.get(selectedId) ?? null);
  const errors = [sessionError, doc.error].filter((e): e is string => e !== null);
  // No document open at all: the centre says how to open some; nothing to export without annotations.
  const noDocuments = status !== null && !status.loading && status.documents.length === 0;
  const canExport = status?.documents.some((d) => TAG_TYPES.some((t) => d.counts[t] > 0)) ?? false;
  const rememberExport = useCallback((choice: ExportChoice) => void updateSettings({ lastExport: choice }).catch((e: unknown) => setMessage(String(e))), [updateSettings]);
  const { removeDocuments } = corpus;
  const removeDocument = useCallback((id: string) => removeDocuments([id]), [removeDocuments]);

  return (
    <div className="app">
      <SkipLink />
      <LiveRegion />
      <Notices notices={session?.notices ?? []} onDismiss={(id) => void dismissNotice(id)} />
      <HostRestarted saves={saves} dataDir={session?.dataDir ?? null} note={keptNote} />
      <RefusedChanges saves={saves} onMessage={setMessage} />
      <div className="workspace" ref={workspaceRef} style={panels.style}>
        <aside className="sidebar" id="documents-panel" aria-label="Documents panel" hidden={!panels.fitted.left.shown}>
          <DocumentList
            corpus={status}
            currentId={store?.docId ?? null}
            error={corpus.error}
            me={me}
            onOpenDocument={openDocument}
            onOpenFolder={onOpenFolder}
            onOpenFiles={onOpenFiles}
            onRemoveDocument={removeDocument}
            onSetStatus={corpus.setStatus}
            onShownOrder={followListOrder}
          />
          <LayersPanel authors={layers.authors} me={me} settings={layers.settings} onChange={layers.setSettings} onShowOrphans={showOrphans} />
          <PanelSeparator side="left" name="documents" controls="documents-panel" panel={panels.fitted.left} onResize={panels.resize} onCommit={panels.commit} onHide={panels.toggle} />
        </aside>
        <main className="center">
          <h1 className="visually-hidden">Marginalia</h1>
          <Toolbar
            canTag={store !== null}
            wordSnap={settings?.wordSnap ?? true}
            saves={saves}
            onTag={tag}
            onWordSnapChange={onWordSnapChange}
            onExport={openExport}
            canExport={canExport}
            onImport={imports.chooseImportFile}
            reviewOpen={queue.open}
            onToggleReview={toggleReview}
            agreementOpen={agreementOpen}
            onToggleAgreement={toggleAgreement}
            onUndo={actions.undo}
            onRedo={actions.redo}
            onHelp={showShortcuts}
          />
          {settings?.analystName && settings.tourDone === false && (
            <Tour onDismiss={() => void updateSettings({ tourDone: true }).catch((e: unknown) => setMessage(String(e)))} />
          )}
          {queue.open && <ReviewQueuePanel queue={queue} records={doc.snapshot.records} me={me} actions={review} />}
          {noDocuments ? (
            <EmptyCorpus host={session?.host ?? null} onOpenFolder={onOpenFolder} onOpenFiles={onOpenFiles} />
          ) : (
            <LexicalArticle store={store} loading={loadingId !== null} controllerRef={controllerRef} scrollerRef={scrollerRef} handlers={articleHandlers} />
          )}
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
        <aside className="inspector" id="annotations-panel" aria-label="Annotations panel" hidden={!panels.fitted.right.shown}>
          <PanelSeparator side="right" name="annotations" controls="annotations-panel" panel={panels.fitted.right} onResize={panels.resize} onCommit={panels.commit} onHide={panels.toggle} />
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
        <PanelToggle side="left" name="documents" label="Documents" controls="documents-panel" shown={panels.fitted.left.shown} onToggle={panels.toggle} />
        <p className="statusbar-message" aria-live="polite">
          {errors.length > 0 ? `⚠ ${errors.join(' · ')}` : message}
        </p>
        {settings?.analystName && <p className="statusbar-item">Annotating as {settings.analystName}</p>}
        {settings?.analystName && (
          <button type="button" className="button button-small statusbar-settings" onClick={() => setSettingsOpen(true)}>
            Settings…
          </button>
        )}
        {session && <p className="statusbar-item statusbar-data" title={session.dataDir}>Data: {session.dataDir}</p>}
        <ThemeSwitch value={settings?.theme ?? 'system'} onChange={onThemeChange} />
        <PanelToggle side="right" name="annotations" label="Annotations" controls="annotations-panel" shown={panels.fitted.right.shown} onToggle={panels.toggle} />
      </footer>
      {fileInput}
      {imports.importInput}
      {dragging && <DropOverlay />}
      {actions.chooser && (
        <ChooseAnnotationMenu {...actions.chooser} onChoose={actions.choose} onClose={actions.closeChooser} />
      )}
      {actions.crossing && store && (
        <CrossParagraphDialog
          pending={actions.crossing}
          quote={store.text.slice(actions.crossing.start, actions.crossing.end)}
          onConfirm={confirmCrossing}
          onCancel={actions.cancelCrossing}
        />
      )}
      {shortcutsOpen && <ShortcutSheet onClose={() => setShortcutsOpen(false)} />}
      {settingsOpen && settings && (
        <SettingsDialog settings={settings} authors={layers.authors} onRename={(analystName) => updateSettings({ analystName })} onClose={() => setSettingsOpen(false)} />
      )}
      {session && settings?.analystName === null && <WelcomeDialog onSubmit={(name) => updateSettings({ analystName: name })} />}
      {dialog === 'open-folder' && (
        <OpenFolderDialog recentFolders={settings?.recentFolders ?? []} onOpen={(path) => corpus.openPaths([path])} onClose={closeDialog} />
      )}
      {dialog === 'orphans' && <OrphansDialog onClose={closeDialog} />}
      {imports.outcome && <ImportResultDialog outcome={imports.outcome} onClose={imports.closeOutcome} onShowAnnotation={showImported} />}
      {dialog === 'export' && (
        <ExportDialog
          currentDocId={store?.docId ?? null}
          currentTitle={store?.document.title ?? null}
          documents={status?.documents ?? []}
          analysts={layers.authors}
          me={me}
          remembered={settings?.lastExport}
          onRemember={rememberExport}
          onExport={runExport}
          onDone={setMessage}
          onClose={closeDialog}
        />
      )}
    </div>
  );
}
