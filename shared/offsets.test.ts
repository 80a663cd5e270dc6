import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetConverter, alignToCodepoint, quoteContext, snapRange } from './offsets';

const EMOJI = '📍'; // U+1F4CD: two UTF-16 code units, one code point
const NBSP = '\u00a0';

describe('OffsetConverter', () => {
  it('is the identity on BMP-only text', () => {
    const text = 'Kursk — “about 40 km” away';
    const c = new OffsetConverter(text);
    expect(c.codepointLength).toBe(text.length);
    for (let i = 0; i <= text.length; i++) {
      expect(c.toCodepoint(i)).toBe(i);
      expect(c.toUtf16(i)).toBe(i);
    }
  });

  it('counts a surrogate pair as one code point, at the start, middle and end', () => {
    const text = `${EMOJI}a${EMOJI}${EMOJI}b${EMOJI}`;
    const c = new OffsetConverter(text);
    expect(c.codepointLength).toBe([...text].length);
    expect(c.codepointLength).toBe(6);
    // utf16 boundaries of each code point: 0,2,3,5,7,8,10
    const boundaries = [0, 2, 3, 5, 7, 8, 10];
    boundaries.forEach((utf16, codepoint) => {
      expect(c.toCodepoint(utf16)).toBe(codepoint);
      expect(c.toUtf16(codepoint)).toBe(utf16);
    });
  });

  it('maps an offset inside a pair to the start of that pair', () => {
    const c = new OffsetConverter(`x${EMOJI}y`);
    expect(c.toCodepoint(2)).toBe(1);
  });

  it('treats lone surrogates as one code point each, like Array.from', () => {
    const text = 'a\ud800b\udc00c\udbff';
    const c = new OffsetConverter(text);
    expect(c.codepointLength).toBe(Array.from(text).length);
    for (let i = 0; i <= text.length; i++) expect(c.toUtf16(c.toCodepoint(i))).toBe(i);
  });

  it('round-trips every code point boundary of arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const c = new OffsetConverter(text);
        const points = Array.from(text);
        expect(c.codepointLength).toBe(points.length);
        let utf16 = 0;
        points.forEach((point, codepoint) => {
          expect(c.toUtf16(codepoint)).toBe(utf16);
          expect(c.toCodepoint(utf16)).toBe(codepoint);
          utf16 += point.length;
        });
        expect(c.toUtf16(points.length)).toBe(text.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('alignToCodepoint', () => {
  it('moves an offset off the middle of a pair in the asked direction', () => {
    const text = `a${EMOJI}b`;
    expect(alignToCodepoint(text, 2, 'back')).toBe(1);
    expect(alignToCodepoint(text, 2, 'forward')).toBe(3);
    expect(alignToCodepoint(text, 1, 'back')).toBe(1);
    expect(alignToCodepoint(text, 0, 'back')).toBe(0);
    expect(alignToCodepoint(text, text.length, 'forward')).toBe(text.length);
  });
});

describe('snapRange', () => {
  const words = { toWordBoundaries: true };
  const exact = { toWordBoundaries: false };

  it('trims spaces, tabs, newlines and non-breaking spaces at both ends', () => {
    const text = `one \t\n${NBSP}two three${NBSP} \nfour`;
    const start = text.indexOf(' ');
    const end = text.indexOf('four');
    const snapped = snapRange(text, start, end, exact);
    expect(snapped && text.slice(snapped.start, snapped.end)).toBe('two three');
  });

  it('keeps a non-breaking space inside the span', () => {
    const text = `about 40${NBSP}km away`;
    const snapped = snapRange(text, 6, 11, exact);
    expect(snapped && text.slice(snapped.start, snapped.end)).toBe(`40${NBSP}km`);
  });

  it('returns null for an empty or whitespace-only selection', () => {
    expect(snapRange('a   b', 1, 4, words)).toBeNull();
    expect(snapRange(`a${NBSP}b`, 1, 2, words)).toBeNull();
    expect(snapRange('abc', 2, 2, words)).toBeNull();
  });

  it('extends partial words at both edges to whole words', () => {
    const text = 'troops near Plekhovo village';
    const snapped = snapRange(text, text.indexOf('ops'), text.indexOf('khovo') + 2, words);
    expect(snapped && text.slice(snapped.start, snapped.end)).toBe('troops near Plekhovo');
  });

  it('does not extend when word snapping is off', () => {
    const text = 'troops near Plekhovo village';
    const snapped = snapRange(text, text.indexOf('ops'), text.indexOf('khovo') + 2, exact);
    expect(snapped && text.slice(snapped.start, snapped.end)).toBe('ops near Plekh');
  });

  it('does not swallow punctuation next to a word', () => {
    const text = '“at least 1,200 troops,” he said';
    const snapped = snapRange(text, text.indexOf('at'), text.indexOf('troops') + 3, words);
    expect(snapped && text.slice(snapped.start, snapped.end)).toBe('at least 1,200 troops');
  });

  it('accepts reversed and out-of-range offsets', () => {
    const text = 'Kherson';
    expect(snapRange(text, 100, -5, exact)).toEqual({ start: 0, end: text.length });
  });

  it('never splits a surrogate pair', () => {
    const text = `near ${EMOJI} Tarsk`;
    const at = text.indexOf(EMOJI);
    for (const options of [words, exact]) {
      const fromInside = snapRange(text, at + 1, text.length, options);
      expect(fromInside?.start).toBe(at);
      const toInside = snapRange(text, 0, at + 1, options);
      expect(toInside?.end).toBe(at + 2);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.nat(40), fc.nat(40), fc.boolean(), (s, a, b, w) => {
        const snapped = snapRange(s, a, b, { toWordBoundaries: w });
        if (!snapped) return;
        expect(alignToCodepoint(s, snapped.start, 'back')).toBe(snapped.start);
        expect(alignToCodepoint(s, snapped.end, 'back')).toBe(snapped.end);
        expect(snapped.start).toBeLessThan(snapped.end);
      }),
      { numRuns: 300 },
    );
  });
});

describe('quoteContext', () => {
  it('gives the quote with up to 32 code points of prefix and suffix', () => {
    const text = `${'p'.repeat(40)}QUOTE${'s'.repeat(40)}`;
    const ctx = quoteContext(text, 40, 45);
    expect(ctx).toEqual({ quote: 'QUOTE', prefix: 'p'.repeat(32), suffix: 's'.repeat(32) });
  });

  it('is shorter at the start and end of the text', () => {
    expect(quoteContext('abc', 0, 3)).toEqual({ quote: 'abc', prefix: '', suffix: '' });
    expect(quoteContext('xabcy', 1, 4)).toEqual({ quote: 'abc', prefix: 'x', suffix: 'y' });
  });

  it('counts emoji as one code point and never cuts one in half', () => {
    const before = EMOJI.repeat(40);
    const text = `${before}Q${EMOJI.repeat(40)}`;
    const start = before.length;
    const ctx = quoteContext(text, start, start + 1);
    expect(ctx.prefix).toBe(EMOJI.repeat(32));
    expect(ctx.suffix).toBe(EMOJI.repeat(32));
    // an odd boundary: 31 ASCII then emoji, so the 32nd code point back is a pair
    const odd = `${EMOJI}${'a'.repeat(31)}Q${'b'.repeat(31)}${EMOJI}!`;
    const q = odd.indexOf('Q');
    const ctx2 = quoteContext(odd, q, q + 1);
    expect(ctx2.prefix).toBe(`${EMOJI}${'a'.repeat(31)}`);
    expect(ctx2.suffix).toBe(`${'b'.repeat(31)}${EMOJI}`);
  });
});
