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

  describe('drops punctuation around the words, keeps what belongs to them', () => {
    /** Snaps the selection of `selected` (its first occurrence in `text`) with word snapping. */
    const snapOf = (text: string, selected: string): string | null => {
      const at = text.indexOf(selected);
      if (at === -1) throw new Error(`not in the text: ${selected}`);
      const snapped = snapRange(text, at, at + selected.length, words);
      return snapped && text.slice(snapped.start, snapped.end);
    };

    it.each([
      // leading and trailing commas, stops, colons and semicolons
      ['troops near Sumy, Kursk and Belgorod', ', Kursk', 'Kursk'],
      ['troops near Sumy, Kursk and Belgorod', 'Sumy, ', 'Sumy'],
      ['they reached Kursk. Then', 'Kursk.', 'Kursk'],
      ['one source: Kyiv; another: Seoul', ': Kyiv;', 'Kyiv'],
      ['as reported!', 'reported!', 'reported'],
      ['Is it true?', 'true?', 'true'],
      // quotes, straight and curly, single and double
      ['he said “Kursk” twice', '“Kursk”', 'Kursk'],
      ['he said "Kursk" twice', '"Kursk"', 'Kursk'],
      ['he said ‘Kursk’ twice', '‘Kursk’', 'Kursk'],
      ['the «Kursk» region', '«Kursk»', 'Kursk'],
      ['“at least 1,200 troops,” he said', '“at least 1,200 troops,”', 'at least 1,200 troops'],
      ['the soldiers’ families', 'soldiers’', 'soldiers'],
      // brackets
      ['intelligence (HUR) said', '(HUR)', 'HUR'],
      ['intelligence [HUR] said', '[HUR] ', 'HUR'],
      ['near Kursk) and', 'Kursk)', 'Kursk'],
      // dashes
      ['Kursk — the region', 'Kursk —', 'Kursk'],
      ['Kursk – Sumy', '– Sumy', 'Sumy'],
      ['a long—perhaps final—push', '—perhaps final—', 'perhaps final'],
      ['-Kursk-', '-Kursk-', 'Kursk'],
      // non-breaking and other spaces next to punctuation
      ['near\u00a0, Kursk\u00a0.', '\u00a0, Kursk\u00a0.', 'Kursk'],
      ['about 40\u202fkm, north', '40\u202fkm, ', '40\u202fkm'],
    ])('%j: %j → %j', (text, selected, expected) => {
      expect(snapOf(text, selected)).toBe(expected);
    });

    it.each([
      // inner punctuation stays
      ['officials in the U.S. said', 'U.S.', 'U.S.'],
      ['officials in the U.S. said', 'the U.S', 'the U.S.'],
      ['at 9 a.m. on Monday', 'a.m.', 'a.m.'],
      ['Gen. Syrskyi said', 'Gen. Syrskyi', 'Gen. Syrskyi'],
      ['on Dec. 23, while', 'Dec. 23,', 'Dec. 23'],
      ['at least 1,200 men', '1,200', '1,200'],
      ['about 3.5 km away', '3.5 km', '3.5 km'],
      ['Zelenskyy\'s office', "Zelenskyy's", "Zelenskyy's"],
      ['Zelenskyy’s office', 'Zelenskyy’s office', 'Zelenskyy’s office'],
      ['a state-run channel', 'state-run', 'state-run'],
      // punctuation that belongs to the words at the edge
      ['casualties rose 40% in', '40%', '40%'],
      ['casualties rose 40%, officials', '40%,', '40%'],
      ['the #Kursk tag', '#Kursk', '#Kursk'],
      ['by @DIU_ua today', '@DIU_ua', '@DIU_ua'],
      ['Main Intelligence Directorate (HUR) said', 'Main Intelligence Directorate (HUR)', 'Main Intelligence Directorate (HUR)'],
      ['(HUR) said so', '(HUR) said', '(HUR) said'],
      ['he said “we will respond” today', 'said “we will respond”', 'said “we will respond”'],
      // symbols are not punctuation
      ['cost $1,000 each', '$1,000', '$1,000'],
      ['at -5°C overnight', '5°C', '5°C'],
    ])('%j: %j → %j', (text, selected, expected) => {
      expect(snapOf(text, selected)).toBe(expected);
    });

    it('keeps a selection of nothing but punctuation rather than dropping it', () => {
      expect(snapOf('Kursk — Sumy', '—')).toBe('—');
    });

    it('keeps punctuation when word snapping is off: the selection is taken as it is', () => {
      const text = 'troops near Sumy, Kursk and Belgorod';
      const at = text.indexOf(', Kursk');
      const snapped = snapRange(text, at, at + ', Kursk'.length, exact);
      expect(snapped && text.slice(snapped.start, snapped.end)).toBe(', Kursk');
    });

    it('never ends on punctuation it should have dropped (property)', () => {
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '.', ';', '—', '\u00a0', '!'), maxLength: 30 }), fc.nat(30), fc.nat(30), (s, a, b) => {
          const snapped = snapRange(s, a, b, words);
          if (!snapped) return;
          const quote = s.slice(snapped.start, snapped.end);
          if (!/[ab]/.test(quote)) return;
          expect(quote).toMatch(/^[ab]/);
          if (/[ab]$/.test(quote)) return;
          // The one punctuation a word may end on: an abbreviation's dot, as in "U.S." ("a.b." here).
          expect(quote.endsWith('.')).toBe(true);
          let from = snapped.end - 1;
          while (from > 0 && /[ab.]/.test(s[from - 1] as string)) from--;
          expect(s.slice(from, snapped.end - 1)).toMatch(/^(?:[ab]\.)+[ab]$/);
        }),
        { numRuns: 500 },
      );
    });
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
