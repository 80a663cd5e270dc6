import { describe, expect, it } from 'vitest';
import { lineStarts, normalizeText, titleOf } from './text';

describe('normalizeText', () => {
  it('strips a BOM and turns CRLF and lone CR into LF', () => {
    expect(normalizeText('\ufeffa\r\nb\rc\n\r\nd')).toBe('a\nb\nc\n\nd');
  });

  it('keeps a BOM-like character that is not at the start', () => {
    expect(normalizeText('a\ufeffb')).toBe('a\ufeffb');
  });
});

describe('titleOf', () => {
  it('takes the first non-empty line, with whitespace collapsed', () => {
    expect(titleOf('\n  \n  Dam\u00a0breach   reported \nbody', 'f.txt')).toBe('Dam breach reported');
  });

  it('falls back to the file name and shortens very long lines', () => {
    expect(titleOf('\n\n', 'f.txt')).toBe('f.txt');
    expect(titleOf('## Flood maps released\nbody', 'f.md')).toBe('Flood maps released');
    expect(titleOf('#hashtag line', 'f.md')).toBe('#hashtag line');
    const title = titleOf('x'.repeat(500), 'f.txt');
    expect(title).toHaveLength(200);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('lineStarts', () => {
  it('lists the start of every line', () => {
    expect(lineStarts('ab\n\ncd\n')).toEqual([0, 3, 4, 7]);
  });
});
