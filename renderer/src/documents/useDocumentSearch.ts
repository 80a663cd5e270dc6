// The Documents list's search: the host searches titles and full texts (it holds the texts); the
// list shows the hits of the latest answer. Typing waits for a short pause before asking, and an
// answer to an older query is never shown over a newer one.
import { useEffect, useRef, useState } from 'react';
import type { DocumentSearchResult } from '../../../shared/api';
import { api } from '../api/api';

const PAUSE_MS = 150;

export interface DocumentSearchState {
  /** The hits of the latest answer (for the query typed, or the one before while asking). */
  result: DocumentSearchResult | null;
  /** An answer for the current query is on its way. */
  searching: boolean;
  error: string | null;
}

interface Answer {
  /** The query and corpus it answers. */
  key: string;
  result: DocumentSearchResult | null;
  error: string | null;
}

/** `corpusKey` changes when the open documents do, so the search runs again. */
export function useDocumentSearch(query: string, corpusKey: string): DocumentSearchState {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const asked = useRef(0);
  const trimmed = query.trim();
  const key = `${corpusKey}\n${trimmed}`;

  useEffect(() => {
    const ask = ++asked.current;
    if (!trimmed) return;
    const timer = setTimeout(() => {
      api.searchDocuments(trimmed).then(
        (result) => ask === asked.current && setAnswer({ key, result, error: null }),
        (e: unknown) => ask === asked.current && setAnswer({ key, result: null, error: e instanceof Error ? e.message : String(e) }),
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [trimmed, key]);

  if (!trimmed) return { result: null, searching: false, error: null };
  return { result: answer?.result ?? null, searching: answer?.key !== key, error: answer?.key === key ? answer.error : null };
}
