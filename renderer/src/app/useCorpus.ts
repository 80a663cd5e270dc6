// The open corpus: document summaries, skipped files and loading progress. While the
// host is still reading files, the status is polled so the progress bar moves.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CorpusStatus, SaveAck, UploadedFile } from '../../../shared/api';
import { api } from '../api/api';

const POLL_MS = 250;

export interface CorpusControls {
  corpus: CorpusStatus | null;
  error: string | null;
  openPaths: (paths: string[]) => Promise<void>;
  chooseAndOpen: (kind: 'folder' | 'files') => Promise<CorpusStatus | null>;
  addFiles: (files: UploadedFile[]) => Promise<void>;
  applyAck: (ack: SaveAck) => void;
  /** Fetches the status again (e.g. after an import added documents). */
  refresh: () => Promise<void>;
}

export function useCorpus(onLoaded: () => void): CorpusControls {
  const [corpus, setCorpus] = useState<CorpusStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pollFailures, setPollFailures] = useState(0);
  const onLoadedRef = useRef(onLoaded);
  useEffect(() => {
    onLoadedRef.current = onLoaded;
  }, [onLoaded]);

  const accept = useCallback((status: CorpusStatus) => {
    setCorpus(status);
    setError(null);
    if (!status.loading) onLoadedRef.current();
  }, []);
  const fail = useCallback((e: unknown) => setError(e instanceof Error ? e.message : String(e)), []);

  useEffect(() => {
    api.getCorpusStatus().then(accept, fail);
  }, [accept, fail]);

  // Poll while the host is still reading files.
  useEffect(() => {
    if (!corpus?.loading) return;
    const retry = (e: unknown) => {
      fail(e);
      setPollFailures((n) => n + 1); // runs this effect again
    };
    const timer = setTimeout(() => api.getCorpusStatus().then(accept, retry), POLL_MS * (1 + Math.min(pollFailures, 8)));
    return () => clearTimeout(timer);
  }, [corpus, accept, fail, pollFailures]);

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

  const applyAck = useCallback((ack: SaveAck) => {
    setCorpus((current) =>
      current
        ? { ...current, documents: current.documents.map((d) => (d.id === ack.docId ? { ...d, counts: ack.counts } : d)) }
        : current,
    );
  }, []);

  return { corpus, error, openPaths, chooseAndOpen, addFiles, applyAck, refresh };
}
