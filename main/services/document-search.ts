// Searching the open documents by title and full text, on the host, where the texts already are.
// Each text is folded once (lower case, accents, typographic quotes, dashes and odd spaces made
// plain) into a string of the same length, so a search is a plain indexOf per word and document,
// and the excerpt's offsets are those of the real text. Folded copies are kept per document object
// (a WeakMap): a closed document takes its copy with it.
import type { DocumentSearchHit, DocumentSearchResult } from '../../shared/api';

export interface SearchableDocument {
  id: string;
  title: string;
  text: string;
}

/** Characters around the first match in an excerpt. */
const EXCERPT_BEFORE = 40;
const EXCERPT_AFTER = 80;
/** Matches counted per document at most (the list shows "999+"). */
export const MAX_COUNTED_MATCHES = 999;
/** Words in a query at most; more are ignored. */
const MAX_TERMS = 12;

const SPECIAL: Record<string, string> = {
  '\u00a0': ' ',
  '\u1680': ' ',
  '\u202f': ' ',
  '\u205f': ' ',
  '\u3000': ' ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
};
for (let c = 0x2000; c <= 0x200a; c++) SPECIAL[String.fromCharCode(c)] = ' ';

const foldedChars = new Map<number, string>();

/** One UTF-16 unit folded to one unit: what a search compares. */
function foldUnit(code: number): string {
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : String.fromCharCode(code);
  const known = foldedChars.get(code);
  if (known !== undefined) return known;
  const char = String.fromCharCode(code);
  let folded = SPECIAL[char] ?? char;
  if (folded === char) {
    const lower = char.toLowerCase();
    if (lower.length === 1) folded = lower;
    // é → e: the base letter when the rest of the decomposition is combining marks.
    const parts = folded.normalize('NFD');
    if (parts.length > 1 && /^\p{M}+$/u.test(parts.slice(1)) && parts.charCodeAt(0) < 0xd800) {
      const base = parts.charAt(0);
      const baseLower = base.toLowerCase();
      folded = baseLower.length === 1 ? baseLower : base;
    }
  }
  foldedChars.set(code, folded);
  return folded;
}

/**
 * The text folded for searching: same length, so offsets carry over to the original. The
 * engine's own lower-casing does the bulk (when it keeps the length, as it does for all but a few
 * letters such as "İ"); only non-ASCII units are then looked at one by one.
 */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase();
  const source = lower.length === text.length ? lower : text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  return source.replace(/[\u0080-\uffff]/g, (unit) => foldUnit(unit.charCodeAt(0)));
}

/** The words of a query, folded: "quoted phrases" stay one term. */
export function searchTerms(query: string): string[] {
  const terms: string[] = [];
  for (const match of foldForSearch(query).matchAll(/"([^"]+)"|(\S+)/g)) {
    const term = (match[1] ?? match[2] ?? '').replace(/\s+/g, ' ').trim();
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms.slice(0, MAX_TERMS);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export class DocumentSearch {
  private readonly folded = new WeakMap<SearchableDocument, { title: string; text: string }>();

  private foldedOf(doc: SearchableDocument): { title: string; text: string } {
    let cached = this.folded.get(doc);
    if (!cached) {
      cached = { title: foldForSearch(doc.title), text: foldForSearch(doc.text) };
      this.folded.set(doc, cached);
    }
    return cached;
  }

  /**
   * Folds the documents not folded yet, a few at a time between other work, so the first search
   * after a load does not pay for it (about 0.3 s for 12 million characters).
   */
  async warm(documents: readonly SearchableDocument[]): Promise<void> {
    let folded = 0;
    for (const doc of documents) {
      if (this.folded.has(doc)) continue;
      this.foldedOf(doc);
      folded += doc.text.length;
      if (folded > 200_000) {
        folded = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /**
   * Documents in which every word of `query` is in the title or the text, in the order given.
   * An empty query matches nothing (the list then shows every document).
   */
  search(documents: readonly SearchableDocument[], query: string): DocumentSearchResult {
    const terms = searchTerms(query);
    const hits: DocumentSearchHit[] = [];
    if (terms.length === 0) return { query, terms, hits };
    for (const doc of documents) {
      const folded = this.foldedOf(doc);
      let first = -1;
      let firstLength = 0;
      let inTitle = true;
      let matched = true;
      for (const term of terms) {
        const titleHas = folded.title.includes(term);
        const at = folded.text.indexOf(term);
        if (!titleHas && at < 0) {
          matched = false;
          break;
        }
        if (!titleHas) inTitle = false;
        if (at >= 0 && (first < 0 || at < first)) {
          first = at;
          firstLength = term.length;
        }
      }
      if (!matched) continue;
      hits.push({ docId: doc.id, inTitle, matches: this.countMatches(folded.text, terms), excerpt: first < 0 ? null : this.excerpt(doc.text, first, firstLength) });
    }
    return { query, terms, hits };
  }

  private countMatches(text: string, terms: readonly string[]): number {
    let count = 0;
    for (const term of terms) {
      for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
        if (++count > MAX_COUNTED_MATCHES) return count;
      }
    }
    return count;
  }

  private excerpt(text: string, at: number, length: number): NonNullable<DocumentSearchHit['excerpt']> {
    let from = Math.max(0, at - EXCERPT_BEFORE);
    let to = Math.min(text.length, at + length + EXCERPT_AFTER);
    // never half of a surrogate pair at either end
    if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
    if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
    return {
      before: `${from > 0 ? '…' : ''}${oneLine(text.slice(from, at)).trimStart()}`,
      match: oneLine(text.slice(at, at + length)),
      after: `${oneLine(text.slice(at + length, to)).trimEnd()}${to < text.length ? '…' : ''}`,
    };
  }
}
