// The open corpus: document summaries, skipped files and loading progress, kept current by the
// host's events (nothing polls).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CorpusStatus, DocumentStatus, UploadedFile } from '../../../shared/api';
import { api } from '../api/api';
import { useHostEvent } from '../api/useHostEvents';

/** The document to show after files were added (dropped or picked), with a counter so a repeat shows again. */
export interface AddedDocument {
  id: string;
  seq: number;
}

export interface CorpusControls {
  corpus: CorpusStatus | null;
  error: string | null;
  /** Adds folders or files to the open set. */
  openPaths: (paths: string[]) => Promise<void>;
  chooseAndOpen: (kind: 'folder' | 'files') => Promise<CorpusStatus | null>;
  addFiles: (files: UploadedFile[]) => Promise<void>;
  /** The first document the last addFiles brought (or the open one with the same text). */
  added: AddedDocument | null;
  /** Takes documents out of the open set; their annotations stay. */
  removeDocuments: (ids: string[]) => Promise<void>;
  setStatus: (docId: string, status: DocumentStatus) => Promise<void>;
  /** Fetches the status again (e.g. after an import added documents). */
  refresh: () => Promise<void>;
}

/** The document an addFiles call brought: a new one, or the open one a dropped file duplicated. */
function addedBy(before: CorpusStatus | null, after: CorpusStatus, files: readonly UploadedFile[]): string | null {
  const known = new Set(before?.documents.map((d) => d.id) ?? []);
  const fresh = after.documents.find((d) => !known.has(d.id));
  if (fresh) return fresh.id;
  const names = new Set(files.map((f) => f.name));
  for (const skipped of after.skipped) {
    const same = names.has(skipped.path) ? /^same text as (.+)$/.exec(skipped.reason) : null;
    const doc = same && after.documents.find((d) => d.path === same[1]);
    if (doc) return doc.id;
  }
  return null;
}

export function useCorpus(): CorpusControls {
  const [corpus, setCorpus] = useState<CorpusStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<AddedDocument | null>(null);
  const latest = useRef<CorpusStatus | null>(null);
  /** Corpus events heard so far: a call's answer is older than any event heard while it ran. */
  const heard = useRef(0);
  const accept = useCallback((status: CorpusStatus) => {
    latest.current = status;
    setCorpus(status);
    setError(null);
  }, []);
  /**
   * Runs a call that answers with the status. Every change of the corpus is announced by an event
   * after it, so when an event came while the call ran, that event (or a later one) is at least as
   * new as the answer, which is then not shown over it (a "loading" answer would stay forever).
   */
  const answered = useCallback(
    async (call: () => Promise<CorpusStatus>): Promise<CorpusStatus> => {
      const before = heard.current;
      const status = await call();
      if (heard.current === before || latest.current === null) accept(status);
      return status;
    },
    [accept],
  );
  const fail = useCallback((e: unknown) => setError(e instanceof Error ? e.message : String(e)), []);

  useEffect(() => {
    const before = heard.current;
    api.getCorpusStatus().then((status) => (heard.current === before || latest.current === null) && accept(status), fail);
  }, [accept, fail]);

  // Loading progress and finished loads arrive as events; counts follow every saved batch.
  const refetch = useCallback(() => void answered(() => api.getCorpusStatus()).catch(fail), [answered, fail]);
  useHostEvent(
    'corpus',
    (event) => {
      heard.current++;
      accept(event.status);
    },
    refetch,
  );
  useHostEvent('changes', (event) =>
    setCorpus((current) => {
      if (!current) return current;
      const next = {
        ...current,
        documents: current.documents.map((d) => (d.id === event.docId ? { ...d, counts: event.counts, countsByCreator: event.countsByCreator ?? d.countsByCreator } : d)),
      };
      latest.current = next;
      return next;
    }),
  );

  // These throw, so the caller can show the reason where the analyst asked.
  const openPaths = useCallback(async (paths: string[]) => void (await answered(() => api.openPaths(paths, 'add'))), [answered]);
  const addFiles = useCallback(
    async (files: UploadedFile[]) => {
      const before = latest.current;
      const status = await answered(() => api.addFiles(files));
      const id = addedBy(before, status, files);
      if (id) setAdded((previous) => ({ id, seq: (previous?.seq ?? 0) + 1 }));
    },
    [answered],
  );
  const chooseAndOpen = useCallback(
    async (kind: 'folder' | 'files') => {
      const before = heard.current;
      const status = await api.chooseAndOpen(kind);
      if (status && (heard.current === before || latest.current === null)) accept(status);
      return status;
    },
    [accept],
  );
  const removeDocuments = useCallback(async (ids: string[]) => void (await answered(() => api.removeDocuments(ids))), [answered]);
  const setStatus = useCallback(
    async (docId: string, status: DocumentStatus) => {
      // At once in this window; the host's corpus event confirms it (and tells other windows).
      setCorpus((current) => (current ? { ...current, documents: current.documents.map((d) => (d.id === docId ? { ...d, status } : d)) } : current));
      try {
        await api.setDocumentStatus(docId, status);
      } catch (e) {
        refetch();
        throw e;
      }
    },
    [refetch],
  );

  const refresh = useCallback(async () => void (await answered(() => api.getCorpusStatus())), [answered]);

  return { corpus, error, openPaths, chooseAndOpen, addFiles, added, removeDocuments, setStatus, refresh };
}
