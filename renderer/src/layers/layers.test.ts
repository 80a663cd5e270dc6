// Layers are creators, by id: two analysts who share a name are two layers, shown, hidden and
// compared apart; "mine" is the analyst of this window by id, never by name.
import { describe, expect, it } from 'vitest';
import type { AnalystSummary } from '../../../shared/api';
import { type Creator, type SpanRecord, legacyCreator } from '../../../shared/model/records';
import { spanRecord } from '../../../main/services/test-support';
import { DEFAULT_LAYERS, type LayerSettings, differenceIds, initials, layerAuthors, layerFunction } from './layers';

const TEXT = 'The river rose at dawn. The old dam on the Veshnaya river broke.';
const DOC = { id: 'd'.repeat(64), text: TEXT };

const me: Creator = { id: 'ana-of-this-machine', name: 'Ana', kind: 'person' };
/** A colleague also called Ana, whose work arrived in a format-1 file (names only). */
const otherAna: Creator = legacyCreator('Ana');
const ben: Creator = { id: 'ben-uuid', name: 'Ben', kind: 'person' };
/** Another Ben. */
const otherBen: Creator = { id: 'ben-other-uuid', name: 'Ben', kind: 'person' };
const tagger: Creator = { id: 'tagger-1', name: 'Auto-tagger', kind: 'software' };

function span(id: string, creator: Creator, quote: string, tag: SpanRecord['tag'] = 'claim'): SpanRecord {
  return spanRecord(DOC, quote, { id, creator, tag });
}

const spans = [
  span('mine-dam', me, 'old dam'),
  span('otherAna-dam', otherAna, 'old dam'),
  span('ben-dam', ben, 'old dam', 'place'),
  span('otherBen-river', otherBen, 'river rose'),
  span('mine-river', me, 'river rose', 'source'),
  span('ben-veshnaya', ben, 'Veshnaya', 'place'),
  span('otherBen-veshnaya', otherBen, 'Veshnaya', 'place'),
  span('tagger-dawn', tagger, 'dawn'),
];

/** Each span id with how it is painted (hidden ones left out). */
function painted(settings: LayerSettings, who: Creator | null = me): Record<string, string> {
  const layerOf = layerFunction(settings, who, spans);
  return Object.fromEntries(spans.flatMap((s) => (layerOf(s) === null ? [] : [[s.id, layerOf(s) as string]])));
}

describe('layers', () => {
  it('lists every creator once by id, me first, then the others by name (namesakes apart)', () => {
    const analysts: AnalystSummary[] = [
      { ...ben, annotations: 2, documents: 1 },
      { ...me, annotations: 2, documents: 1 },
      { ...otherBen, annotations: 2, documents: 1 },
    ];
    const docAuthors = [otherAna, ben, tagger, otherBen];
    const authors = layerAuthors(me, analysts, docAuthors);
    expect(authors).toEqual([me, otherAna, tagger, otherBen, ben]); // namesakes by id
    // Only what a layer needs: the counts of the summaries are not carried along.
    expect(authors.find((a) => a.id === ben.id)).toEqual(ben);
    // With no analyst yet, nobody is "me".
    expect(layerAuthors(null, docAuthors).map((a) => a.id)).toEqual([otherAna.id, tagger.id, otherBen.id, ben.id]);
  });

  it('shows both layers by default, mine by creator id: a namesake of mine is theirs', () => {
    expect(painted(DEFAULT_LAYERS)).toEqual({
      'mine-dam': 'mine',
      'otherAna-dam': 'theirs',
      'ben-dam': 'theirs',
      'otherBen-river': 'theirs',
      'mine-river': 'mine',
      'ben-veshnaya': 'theirs',
      'otherBen-veshnaya': 'theirs',
      'tagger-dawn': 'theirs',
    });
    // Before the analyst has a name, nothing is mine.
    expect(Object.values(painted(DEFAULT_LAYERS, null))).toEqual(Array(spans.length).fill('theirs'));
  });

  it('hides a layer by creator id: its namesake stays shown', () => {
    expect(painted({ view: 'both', hidden: new Set([ben.id]) })).toEqual({
      'mine-dam': 'mine',
      'otherAna-dam': 'theirs',
      'otherBen-river': 'theirs',
      'mine-river': 'mine',
      'otherBen-veshnaya': 'theirs',
      'tagger-dawn': 'theirs',
    });
    // Hiding the other Ana leaves mine alone, and I can hide my own layer too.
    expect(Object.keys(painted({ view: 'both', hidden: new Set([otherAna.id, me.id]) }))).toEqual([
      'ben-dam',
      'otherBen-river',
      'ben-veshnaya',
      'otherBen-veshnaya',
      'tagger-dawn',
    ]);
  });

  it('views: mine only, theirs only (still minus hidden layers)', () => {
    expect(painted({ view: 'mine', hidden: new Set() })).toEqual({ 'mine-dam': 'mine', 'mine-river': 'mine' });
    expect(painted({ view: 'mine', hidden: new Set([me.id]) })).toEqual({});
    expect(painted({ view: 'theirs', hidden: new Set([otherBen.id, tagger.id]) })).toEqual({
      'otherAna-dam': 'theirs',
      'ben-dam': 'theirs',
      'ben-veshnaya': 'theirs',
    });
  });

  it('differences only: a span and tag another creator also made is left out, whoever shares the name', () => {
    // Same span and tag by me and the other Ana: agreed. Same text, other tag (Ben's place): a difference.
    // Both Bens tagged Veshnaya a place: agreed, though they share a name.
    expect([...differenceIds(spans)].sort()).toEqual(['ben-dam', 'mine-river', 'otherBen-river', 'tagger-dawn'].sort());
    expect(painted({ view: 'differences', hidden: new Set() })).toEqual({
      'ben-dam': 'theirs',
      'otherBen-river': 'theirs',
      'mine-river': 'mine',
      'tagger-dawn': 'theirs',
    });
    // A creator's own duplicate is no agreement.
    const twice = [span('a', ben, 'dawn'), span('b', ben, 'dawn')];
    expect([...differenceIds(twice)].sort()).toEqual(['a', 'b']);
    // Hidden layers stay hidden in the differences view (they still count as agreeing).
    expect(painted({ view: 'differences', hidden: new Set([tagger.id, me.id]) })).toEqual({ 'ben-dam': 'theirs', 'otherBen-river': 'theirs' });
  });

  it('initials for the layer badges', () => {
    expect(initials('Ben')).toBe('B');
    expect(initials('  ana lima  ')).toBe('AL');
    expect(initials('Jean-Paul de la Croix')).toBe('JC');
    expect(initials('𝒜lex')).toBe('𝒜');
    expect(initials('')).toBe('?');
  });
});
