import { describe, expect, it } from 'vitest';
import { dropEdge, moveEdgeByWord, wordStep } from './span-bounds';

const TEXT = 'Title line\nMore than 1,000 North Korean soldiers, South Korea said.\nNext paragraph here';
const at = (phrase: string) => {
  const start = TEXT.indexOf(phrase);
  return { start, end: start + phrase.length };
};
const quote = (span: { start: number; end: number } | null) => span && TEXT.slice(span.start, span.end);

describe('moveEdgeByWord', () => {
  it('moves the end a word later and earlier', () => {
    const span = at('More than');
    expect(quote(moveEdgeByWord(TEXT, span, 'end', 1))).toBe('More than 1,000');
    expect(quote(moveEdgeByWord(TEXT, at('More than 1,000'), 'end', 1))).toBe('More than 1,000 North');
    expect(quote(moveEdgeByWord(TEXT, span, 'end', -1))).toBe('More');
  });

  it('moves the start a word earlier and later, skipping punctuation', () => {
    const span = at('South Korea');
    expect(quote(moveEdgeByWord(TEXT, span, 'start', -1))).toBe('soldiers, South Korea');
    expect(quote(moveEdgeByWord(TEXT, span, 'start', 1))).toBe('Korea');
  });

  it('never empties a span or leaves its paragraph', () => {
    expect(moveEdgeByWord(TEXT, at('More'), 'end', -1)).toBeNull();
    expect(moveEdgeByWord(TEXT, at('Korea'), 'start', 1)).toBeNull();
    expect(moveEdgeByWord(TEXT, at('More'), 'start', -1)).toBeNull();
    expect(moveEdgeByWord(TEXT, at('said'), 'end', 1)).toBeNull();
  });

  it('finds words far away on a very long line without segmenting all of it', () => {
    const long = `start ${'x'.repeat(300_000)} end`;
    expect(wordStep(long, 5, 'end', 1)).toBe(6 + 300_000);
  });
});

describe('dropEdge', () => {
  it('snaps the dropped end to whole words and drops punctuation', () => {
    const span = at('More than');
    const comma = TEXT.indexOf(',', TEXT.indexOf('soldiers'));
    expect(quote(dropEdge(TEXT, span, 'end', comma + 1, true))).toBe('More than 1,000 North Korean soldiers');
    expect(quote(dropEdge(TEXT, span, 'end', TEXT.indexOf('orth') + 1, true))).toBe('More than 1,000 North');
  });

  it('moves the start, and swaps the ends when dropped past the other one', () => {
    const span = at('North Korean');
    expect(quote(dropEdge(TEXT, span, 'start', TEXT.indexOf('1,000'), true))).toBe('1,000 North Korean');
    expect(quote(dropEdge(TEXT, span, 'start', TEXT.indexOf('said'), true))).toBe('soldiers, South Korea');
  });

  it('is null when nothing would be left', () => {
    const span = at('North Korean');
    expect(dropEdge(TEXT, span, 'end', span.start, true)).toBeNull();
  });
});
