// Tagging says what it did through the live region: "Claim added: 8 soldiers were killed".
// Wraps the tag action; a span is "added" when tagging made a new one (tagging the same text
// with the same tag again selects the existing one and says nothing).
import { useCallback } from 'react';
import { tagInfo, type TagType } from '../../../shared/model';
import type { DocumentStore } from '../state/document-store';
import { announce } from './announcer';

const QUOTE_SPOKEN_CHARS = 120;

export function spokenQuote(quote: string): string {
  const line = quote.replace(/\s+/g, ' ').trim();
  return line.length > QUOTE_SPOKEN_CHARS ? `${line.slice(0, QUOTE_SPOKEN_CHARS - 1)}…` : line;
}

export function useTagAnnouncement(tag: (type: TagType) => void, store: DocumentStore | null): (type: TagType) => void {
  return useCallback(
    (type: TagType) => {
      const before = store?.getSnapshot().sorted;
      tag(type);
      if (!store || !before) return;
      const after = store.getSnapshot();
      if (after.sorted === before || after.selectedId === null) return;
      const added = store.get(after.selectedId);
      if (added && !before.includes(added)) announce(`${tagInfo(added.tag).label} added: ${spokenQuote(added.target.quote)}`);
    },
    [tag, store],
  );
}
