// The document being read: its text and annotations (a DocumentStore) and the commands
// that edit them. Opening waits for that document's in-flight saves, so the list it
// fetches is never older than what the analyst did.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { CLIENT_ID, api } from '../api/api';
import { useHostEvent } from '../api/useHostEvents';
import { subscribeAfterPaint } from '../state/after-paint';
import { AnnotationCommands } from '../state/annotation-commands';
import { type DocumentSnapshot, DocumentStore } from '../state/document-store';
import type { SaveQueue } from '../state/save-queue';
import { UndoHistory } from '../state/undo';

const EMPTY_SNAPSHOT: DocumentSnapshot = { sorted: [], records: [], selectedId: null };
const noSubscription = () => () => {};
const emptySnapshot = () => EMPTY_SNAPSHOT;

export interface OpenDocument {
  store: DocumentStore | null;
  commands: AnnotationCommands | null;
  snapshot: DocumentSnapshot;
  loadingId: string | null;
  error: string | null;
  open: (docId: string) => Promise<void>;
  close: () => void;
}

export function useOpenDocument(saves: SaveQueue): OpenDocument {
  const [current, setCurrent] = useState<{ store: DocumentStore; commands: AnnotationCommands } | null>(null);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latestRequest = useRef(0);
  // Undo history survives switching between documents.
  const histories = useRef(new Map<string, UndoHistory>());

  const store = current?.store ?? null;
  // The list and panels follow the store one frame late: a new highlight is painted first
  // (the frame after a tag carries only that), then React renders the change. Any render in between
  // still reads the current snapshot, so nothing shows a mix of old and new.
  const subscribe = useMemo(() => (store ? (listener: () => void) => subscribeAfterPaint(store.subscribe, listener) : noSubscription), [store]);
  const snapshot = useSyncExternalStore(subscribe, store?.getSnapshot ?? emptySnapshot);

  const open = useCallback(
    async (docId: string) => {
      const request = ++latestRequest.current;
      setLoadingId(docId);
      try {
        await saves.whenSettled(docId);
        const [document, records] = await Promise.all([api.getDocument(docId), api.listRecords(docId)]);
        if (request !== latestRequest.current) return;
        let history = histories.current.get(docId);
        if (!history) {
          history = new UndoHistory();
          histories.current.set(docId, history);
        }
        saves.seed(docId, records);
        const opened = new DocumentStore(document, records);
        setCurrent({ store: opened, commands: new AnnotationCommands(opened, saves, history) });
        setError(null);
      } catch (e) {
        if (request === latestRequest.current) setError(e instanceof Error ? e.message : String(e));
      } finally {
        if (request === latestRequest.current) setLoadingId(null);
      }
    },
    [saves],
  );

  // A refused change (stale or invalid) is not sent again: show what is saved now, keeping
  // edits still on their way.
  useEffect(
    () =>
      saves.onRefused((docId) => {
        if (store?.docId !== docId) return;
        void (async () => {
          await saves.whenSettled(docId);
          const saved = await api.listRecords(docId);
          saves.seed(docId, saved);
          store.reconcile(saved, saves.pendingIds(docId));
        })().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
      }),
    [saves, store],
  );

  // Changes saved by other windows, hosts and imports appear here as they happen. This window's
  // own batches are already shown; records with changes still on their way here are left as
  // they are (if the other change conflicts, ours is refused and the saved state shown).
  useHostEvent('changes', (event) => {
    if (!store || event.docId !== store.docId) return;
    if (event.origin.kind === 'window' && event.origin.clientId === CLIENT_ID) return;
    const pending = saves.pendingIds(store.docId);
    saves.noteSaved(store.docId, event.records);
    const changes = event.records.filter((r) => !pending.has(r.id));
    if (changes.length > 0) store.apply(changes);
  });

  const close = useCallback(() => {
    latestRequest.current++;
    setCurrent(null);
    setLoadingId(null);
  }, []);

  return { store, commands: current?.commands ?? null, snapshot, loadingId, error, open, close };
}
