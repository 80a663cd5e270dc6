// The open corpus: document summaries, skipped files and loading progress, kept current by the
// host's events (nothing polls).
import { useCallback, useEffect, useState } from 'react';
import type { CorpusStatus, UploadedFile } from '../../../shared/api';
import { api } from '../api/api';
import { useHostEvent } from '../api/useHostEvents';

export interface CorpusControls {
  corpus: CorpusStatus | null;
  error: string | null;
  openPaths: (paths: string[]) => Promise<void>;
  chooseAndOpen: (kind: 'folder' | 'files') => Promise<CorpusStatus | null>;
  addFiles: (files: UploadedFile[]) => Promise<void>;
  /** Fetches the status again (e.g. after an import added documents). */
  refresh: () => Promise<void>;
}

export function useCorpus(): CorpusControls {
  const [corpus, setCorpus] = useState<CorpusStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const accept = useCallback((status: CorpusStatus) => {
    setCorpus(status);
    setError(null);
  }, []);
  const fail = useCallback((e: unknown) => setError(e instanceof Error ? e.message : String(e)), []);

  useEffect(() => {
    api.getCorpusStatus().then(accept, fail);
  }, [accept, fail]);

  // Loading progress and finished loads arrive as events; counts follow every saved batch.
  const refetch = useCallback(() => void api.getCorpusStatus().then(accept, fail), [accept, fail]);
  useHostEvent('corpus', (event) => accept(event.status), refetch);
  useHostEvent('changes', (event) =>
    setCorpus((current) =>
      current ? { ...current, documents: current.documents.map((d) => (d.id === event.docId ? { ...d, counts: event.counts } : d)) } : current,
    ),
  );

  // These throw, so the caller can show the reason where the analyst asked.
  const openPaths = useCallback(async (paths: string[]) => accept(await api.openPaths(paths, 'replace')), [accept]);
  const addFiles = useCallback(async (files: UploadedFile[]) => accept(await api.addFiles(files)), [accept]);
  const chooseAndOpen = useCallback(
    async (kind: 'folder' | 'files') => {
      const status = await api.chooseAndOpen(kind);
      if (status) accept(status);
      return status;
    },
    [accept],
  );

  const refresh = useCallback(async () => accept(await api.getCorpusStatus()), [accept]);

  return { corpus, error, openPaths, chooseAndOpen, addFiles, refresh };
}
