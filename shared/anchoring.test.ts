import { describe, expect, it } from 'vitest';
import { type AnchorTarget, anchorQuote, fuzzyErrorBudget } from './anchoring';
import { quoteContext } from './offsets';

const ORIGINAL =
  'Officials in Krasnovets said at least 1,200 residents were evacuated on Monday. ' +
  'The regional governor, Irina Volkova, said the dam had been breached overnight. ' +
  'A second breach was reported near the old mill, and the water level rose by 2 metres.';

/** What an annotation of `quote` (its n-th occurrence) in `text` stores. */
function targetFor(text: string, quote: string, occurrence = 0): AnchorTarget {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) at = text.indexOf(quote, at + 1);
  if (at === -1) throw new Error(`${quote} not in text`);
  return { ...quoteContext(text, at, at + quote.length), start: at };
}

describe('anchorQuote', () => {
  it('keeps the exact position when the text is unchanged', () => {
    const target = targetFor(ORIGINAL, 'Irina Volkova');
    expect(anchorQuote(ORIGINAL, target)).toEqual({ start: target.start, end: target.start + 13, method: 'exact', score: 1 });
  });

  it('follows an insertion before the span (found by its exact quote and intact context)', () => {
    const target = targetFor(ORIGINAL, 'Irina Volkova');
    const edited = `UPDATED 14:05. ${ORIGINAL}`;
    const anchor = anchorQuote(edited, target);
    expect(anchor).toMatchObject({ method: 'context', score: 1 });
    expect(edited.slice(anchor?.start, anchor?.end)).toBe('Irina Volkova');
    expect(anchor?.start).toBe(target.start + 'UPDATED 14:05. '.length);
  });

  it('matches across changed whitespace inside the quote (fuzzy)', () => {
    const target = targetFor(ORIGINAL, 'at least 1,200 residents were evacuated');
    const edited = ORIGINAL.replace('at least 1,200 residents were evacuated', 'at least  1,200\nresidents were evacuated');
    const anchor = anchorQuote(edited, target);
    expect(anchor?.method).toBe('fuzzy');
    expect(edited.slice(anchor?.start, anchor?.end)).toBe('at least  1,200\nresidents were evacuated');
    expect(anchor?.score).toBeGreaterThan(0.9);
  });

  it('matches a quote with one word changed inside it (fuzzy)', () => {
    const target = targetFor(ORIGINAL, 'the dam had been breached overnight');
    const edited = ORIGINAL.replace('the dam had been breached overnight', 'the dam was breached overnight');
    const anchor = anchorQuote(edited, target);
    expect(anchor?.method).toBe('fuzzy');
    expect(edited.slice(anchor?.start, anchor?.end)).toBe('the dam was breached overnight');
  });

  it('picks the right one of a repeated quote by its prefix and suffix', () => {
    // "breach" occurs twice; the annotation is on the second ("A second breach was reported").
    const text = 'The breach widened on Monday. A second breach was reported near the old mill.';
    const target = targetFor(text, 'breach', 1);
    // An insertion moves both, and a new sentence puts a third "breach" where the second was.
    const edited = `Live: breach fears. ${text}`;
    expect(edited.slice(target.start, target.start + 6)).not.toBe('breach'); // the old offset is no help
    const anchor = anchorQuote(edited, target);
    expect(anchor?.method).toBe('context');
    expect(anchor?.start).toBe(edited.indexOf('second breach') + 'second '.length);
    // Without context the nearest occurrence would have been chosen instead.
    const nearest = anchorQuote(edited, { ...target, prefix: '', suffix: '' });
    expect(nearest?.start).not.toBe(anchor?.start);
  });

  it('prefers the context match over an occurrence that now sits at the old offset', () => {
    const text = 'Kursk was shelled. Officials in Kursk denied it.';
    const target = targetFor(text, 'Kursk', 1);
    // An insertion moves the annotated "Kursk" away and puts the other "Kursk" on the old offset.
    const edited = `${'x'.repeat(target.start)}${text}`;
    const anchor = anchorQuote(edited, target);
    expect(edited.slice(target.start, target.start + 5)).toBe('Kursk');
    expect(anchor?.start).toBe(edited.lastIndexOf('Officials in Kursk') + 'Officials in '.length);
  });

  it('returns null (an orphan) when the passage is gone', () => {
    const target = targetFor(ORIGINAL, 'A second breach was reported near the old mill');
    const edited = ORIGINAL.replace('A second breach was reported near the old mill, and the water', 'The water');
    expect(anchorQuote(edited, target)).toBeNull();
  });

  it('never matches short quotes fuzzily, and bounds the budget', () => {
    expect(fuzzyErrorBudget(3)).toBe(0);
    expect(fuzzyErrorBudget(8)).toBe(2);
    expect(fuzzyErrorBudget(10_000)).toBe(64);
    const target = targetFor(ORIGINAL, 'dam');
    expect(anchorQuote(ORIGINAL.replaceAll('dam', 'dom'), target)).toBeNull();
  });

  it('keeps surrogate pairs whole and works with non-BMP text', () => {
    const text = '📍 Tarsk: column of 📍 up to 30 vehicles 🔗 near the border';
    const target = targetFor(text, 'up to 30 vehicles 🔗');
    const edited = text.replace('up to 30 vehicles', 'up to 31 vehicles');
    const anchor = anchorQuote(edited, target);
    expect(edited.slice(anchor?.start, anchor?.end)).toBe('up to 31 vehicles 🔗');
  });
});
