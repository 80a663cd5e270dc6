// Tagging says what it did through the live region: "Claim added: 8 soldiers were killed".
// Wraps an action that may add a span (tagging, or confirming a tag across paragraphs); a span is
// "added" when the action made a new one (tagging the same text with the same tag again selects
// the existing one and says nothing).
import { useCallback } from 'react';
import { tagInfo } from '../../../shared/model';
import type { DocumentStore } from '../state/document-store';
import { announce } from './announcer';

const QUOTE_SPOKEN_CHARS = 120;

export function spokenQuote(quote: string): string {
  const line = quote.replace(/\s+/g, ' ').trim();
  return line.length > QUOTE_SPOKEN_CHARS ? `${line.slice(0, QUOTE_SPOKEN_CHARS - 1)}…` : line;
}

export function useTagAnnouncement<A extends unknown[]>(action: (...args: A) => void, store: DocumentStore | null): (...args: A) => void {
  return useCallback(
    (...args: A) => {
      const before = store?.getSnapshot().sorted;
      action(...args);
      if (!store || !before) return;
      const after = store.getSnapshot();
      if (after.sorted === before || after.selectedId === null) return;
      const added = store.get(after.selectedId);
      if (added && !before.includes(added)) announce(`${tagInfo(added.tag).label} added: ${spokenQuote(added.target.quote)}`);
    },
    [action, store],
  );
}
