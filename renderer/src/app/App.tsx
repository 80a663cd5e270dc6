// The Marginalia window: documents on the left, the article with its toolbar in the
// centre, the selected annotation and the annotation list on the right.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportRequest } from '../../../shared/api';
import { api } from '../api/api';
import { downloadTextFile } from '../api/download';
import { AnnotationList, type TagFilter } from '../annotations/AnnotationList';
import { SelectedAnnotationPanel } from '../annotations/SelectedAnnotationPanel';
import type { ArticleController } from '../article/article-controller';
import { ChooseAnnotationMenu } from '../article/ChooseAnnotationMenu';
import { type ArticleHandlers, LexicalArticle } from '../article/LexicalArticle';
import { DocumentList } from '../documents/DocumentList';
import { OpenFolderDialog } from '../documents/OpenFolderDialog';
import { Notices } from '../session/Notices';
import { WelcomeDialog } from '../session/WelcomeDialog';
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

type DialogKind = 'open-folder' | 'export' | null;

export function App() {
  const { session, error: sessionError, updateSettings, dismissNotice, refresh: refreshSession } = useSession();
  const [saves] = useState(() => new SaveQueue(api));
  const doc = useOpenDocument(saves, refreshSession);
  const corpus = useCorpus(refreshSession);
  useEffect(() => saves.onAck(corpus.applyAck), [saves, corpus.applyAck]);

  const [message, setMessage] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [filter, setFilter] = useState<TagFilter>('all');
  const controllerRef = useRef<ArticleController | null>(null);
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const settings = session?.settings ?? null;

  const actions = useAnnotationActions({
    doc,
    controllerRef,
    analystName: settings?.analystName ?? null,
    wordSnap: settings?.wordSnap ?? true,
    say: setMessage,
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
  const dragging = useFileDrop(upload);

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
  useMenuCommands({ openFolder, openFiles, exportAnnotations: openExport });

  const runExport = useCallback(
    async (request: ExportRequest) => {
      await saves.whenAllSettled();
      const result = await api.exportAnnotations(request);
      if (result.kind === 'download') downloadTextFile(result.fileName, result.content);
      return result;
    },
    [saves],
  );

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (saves.hasUnsaved) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [saves]);

  const onWordSnapChange = useCallback((wordSnap: boolean) => void updateSettings({ wordSnap }).catch((e: unknown) => setMessage(String(e))), [updateSettings]);
  const { selectedId } = doc.snapshot;
  // The store hands out the current object for an id, so this follows edits (snapshot changes re-render).
  const selected = selectedId === null ? null : (store?.get(selectedId) ?? null);
  const errors = [sessionError, doc.error].filter((e): e is string => e !== null);

  return (
    <div className="app">
      <Notices notices={session?.notices ?? []} onDismiss={(id) => void dismissNotice(id)} />
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
        </aside>
        <main className="center">
          <Toolbar
            canTag={store !== null}
            wordSnap={settings?.wordSnap ?? true}
            saves={saves}
            onTag={actions.tag}
            onWordSnapChange={onWordSnapChange}
            onExport={openExport}
          />
          <LexicalArticle store={store} loading={loadingId !== null} controllerRef={controllerRef} scrollerRef={scrollerRef} handlers={articleHandlers} />
        </main>
        <aside className="inspector">
          <SelectedAnnotationPanel annotation={selected} onRetag={actions.retag} onNote={actions.setNote} onDelete={actions.remove} />
          <AnnotationList
            annotations={doc.snapshot.sorted}
            selectedId={doc.snapshot.selectedId}
            filter={filter}
            onFilterChange={setFilter}
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
