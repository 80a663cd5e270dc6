import { describe, expect, it } from 'vitest';
import { locateEdit, relocateSpan } from './edited-text';
import { quoteContext } from './offsets';

const BEFORE = 'The mayor said 40 homes were flooded in Lower Brenna. Crews from Tarsk arrived on Monday.';

function spanOf(text: string, quote: string) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`${quote} not in text`);
  return { start, end: start + quote.length, ...quoteContext(text, start, start + quote.length) };
}

describe('locateEdit', () => {
  it('finds an insertion, a deletion and a replacement between the common prefix and suffix', () => {
    expect(locateEdit('abcdef', 'abcXYdef')).toEqual({ start: 3, oldEnd: 3, newEnd: 5 });
    expect(locateEdit('abcdef', 'abef')).toEqual({ start: 2, oldEnd: 4, newEnd: 2 });
    expect(locateEdit('abcdef', 'abZZZf')).toEqual({ start: 2, oldEnd: 5, newEnd: 5 });
    expect(locateEdit('same', 'same')).toEqual({ start: 4, oldEnd: 4, newEnd: 4 });
  });

  it('does not let prefix and suffix overlap on repeated text', () => {
    expect(locateEdit('aaaa', 'aaaaaa')).toEqual({ start: 4, oldEnd: 4, newEnd: 6 });
  });
});

describe('relocateSpan', () => {
  it('keeps spans before the edit and shifts spans after it', () => {
    const after = `${BEFORE}\nCorrection: an earlier version misspelled the village.`;
    const edit = locateEdit(BEFORE, after);
    expect(relocateSpan(spanOf(BEFORE, 'Lower Brenna'), after, edit)).toEqual({ ok: true, ...pos(after, 'Lower Brenna'), method: 'kept' });
    const inserted = `UPDATE 14:00. ${BEFORE}`;
    const shifted = relocateSpan(spanOf(BEFORE, 'Tarsk'), inserted, locateEdit(BEFORE, inserted));
    expect(shifted).toEqual({ ok: true, ...pos(inserted, 'Tarsk'), method: 'shifted' });
  });

  it('re-anchors a span the edit touched, fuzzily when its words changed a little', () => {
    const after = BEFORE.replace('40 homes were flooded', '40 houses were flooded');
    const result = relocateSpan(spanOf(BEFORE, 'said 40 homes were flooded in Lower Brenna'), after, locateEdit(BEFORE, after));
    expect(result).toMatchObject({ ok: true, method: 'fuzzy' });
    if (result.ok) expect(after.slice(result.start, result.end)).toBe('said 40 houses were flooded in Lower Brenna');
  });

  it('orphans a span whose text is gone, and finds a moved one without the earlier text', () => {
    const rewritten = 'Officials have not confirmed any damage. No crews were sent.';
    expect(relocateSpan(spanOf(BEFORE, 'Lower Brenna'), rewritten, locateEdit(BEFORE, rewritten))).toEqual({ ok: false, reason: 'its text is no longer in the article' });
    const reordered = 'Crews from Tarsk arrived on Monday. The mayor said 40 homes were flooded in Lower Brenna.';
    expect(relocateSpan(spanOf(BEFORE, 'Tarsk'), reordered, null)).toMatchObject({ ok: true, ...pos(reordered, 'Tarsk') });
  });
});

function pos(text: string, quote: string): { start: number; end: number } {
  const start = text.indexOf(quote);
  return { start, end: start + quote.length };
}
