// The open document's records as the UI renders them: what the painter is told (span diffs),
// text order, hit tests, the selection, and how the saved state is brought back (reconcile).
import { describe, expect, it } from 'vitest';
import type { DocumentContent } from '../../../shared/api';
import type { CommentRecord, MarginaliaRecord, ReviewRecord, SpanRecord } from '../../../shared/model/records';
import { ANA, BEN, spanRecord } from '../../../main/services/test-support';
import { DocumentStore, type SpanDiff } from './document-store';

//                     0         1         2         3         4         5         6
//                     0123456789012345678901234567890123456789012345678901234567890123
const TEXT = 'The river rose at dawn. The old dam on the Veshnaya river broke.';
const DOC: DocumentContent = { id: 'd'.repeat(64), title: 'Test', fileName: 'test.txt', text: TEXT, warnings: [] };

const TIME = '2026-03-14T09:30:00.000Z';

function span(quote: string, overrides: Parameters<typeof spanRecord>[2] = {}): SpanRecord {
  return spanRecord(DOC, quote, overrides);
}

function comment(on: SpanRecord, text: string, id = `comment-${text}`): CommentRecord {
  return { kind: 'comment', id, creator: BEN, rev: 1, createdAt: TIME, updatedAt: TIME, target: { docId: DOC.id, spanId: on.id }, text };
}

function review(on: SpanRecord, id = `review-${on.id}`): ReviewRecord {
  return { kind: 'review', id, creator: BEN, rev: 1, createdAt: TIME, updatedAt: TIME, target: { docId: DOC.id, spanId: on.id }, decision: 'reject', reason: 'not a claim' };
}

/** A store with a recorder of every diff, selection change and snapshot notification. */
function open(records: MarginaliaRecord[] = []) {
  const store = new DocumentStore(DOC, records);
  const diffs: SpanDiff[] = [];
  const selections: (string | null)[] = [];
  let notified = 0;
  store.onDiff((diff) => diffs.push(diff));
  store.onSelectionChange((selected) => selections.push(selected?.id ?? null));
  store.subscribe(() => notified++);
  return { store, diffs, selections, notified: () => notified };
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

describe('DocumentStore', () => {
  it('opens with the live records only: tombstones and spans outside the text are left out', () => {
    const live = span('river rose');
    const gone = { ...span('at dawn'), deleted: true as const };
    const beyond: SpanRecord = { ...span('broke.'), id: 'beyond', target: { ...span('broke.').target, start: TEXT.length, end: TEXT.length + 3, quote: 'xyz' } };
    const c = comment(live, 'why?');
    const { store } = open([live, gone, beyond, c]);
    expect(ids(store.getSnapshot().sorted)).toEqual([live.id]);
    expect(ids(store.getSnapshot().records).sort()).toEqual([live.id, c.id].sort());
    expect(store.get(gone.id)).toBeUndefined();
    expect(store.record(c.id)).toEqual(c);
    expect(store.get(c.id)).toBeUndefined(); // get is for spans
  });

  it('tells the painter what changed: an added span, a retag as removed + added, a tombstone as removed only', () => {
    const { store, diffs, notified } = open();
    const a = span('old dam', { tag: 'claim' });

    store.apply([a]);
    expect(diffs).toEqual([{ removed: [], added: [a] }]);
    expect(store.get(a.id)).toEqual(a);

    const retagged: SpanRecord = { ...a, tag: 'place', rev: 2 };
    store.apply([retagged]);
    expect(diffs[1]).toEqual({ removed: [a], added: [retagged] });
    expect(store.getSnapshot().sorted).toEqual([retagged]);

    store.apply([{ ...retagged, rev: 3, deleted: true }]);
    expect(diffs[2]).toEqual({ removed: [retagged], added: [] });
    expect(store.get(a.id)).toBeUndefined();
    expect(store.getSnapshot().sorted).toEqual([]);
    expect(store.getSnapshot().records).toEqual([]);

    // A tombstone of something this window never had changes nothing for the painter.
    store.apply([{ ...span('river rose'), deleted: true }]);
    expect(diffs).toHaveLength(3);
    expect(notified()).toBe(4); // but React is still told (cheap; the snapshot is new)
  });

  it('applies a batch as one diff', () => {
    const a = span('river rose');
    const b = span('old dam');
    const { store, diffs } = open([a]);
    const c = span('Veshnaya');
    store.apply([{ ...a, deleted: true }, b, c]);
    expect(diffs).toEqual([{ removed: [a], added: [b, c] }]);
    expect(ids(store.getSnapshot().sorted)).toEqual([b.id, c.id]);
  });

  it('reviews and comments change the records but never the spans the painter sees', () => {
    const a = span('old dam', { creator: ANA });
    const { store, diffs, notified } = open([a]);
    const r = review(a);
    const c = comment(a, 'which dam?');

    store.apply([r, c]);
    expect(diffs).toEqual([]);
    expect(notified()).toBe(1);
    expect(ids(store.getSnapshot().records).sort()).toEqual([a.id, c.id, r.id].sort());
    expect(store.getSnapshot().sorted).toEqual([a]);

    store.apply([{ ...c, text: 'edited', rev: 2 }, { ...r, rev: 2, deleted: true }]);
    expect(diffs).toEqual([]);
    expect(store.record(c.id)).toMatchObject({ text: 'edited' });
    expect(store.record(r.id)).toBeUndefined();
    expect(ids(store.getSnapshot().records).sort()).toEqual([a.id, c.id].sort());
  });

  it('keeps spans in text order (by start, the longer first, then by id) whatever order they arrive in', () => {
    const outer = span('The old dam on the Veshnaya river', { id: 'outer' }); // 24–57
    const inner = span('old dam', { id: 'inner' }); // 28–35
    const sameStart = span('old', { id: 'same-start' }); // 28–31
    const twinA = span('Veshnaya', { id: 'twin-a', creator: ANA });
    const twinB = span('Veshnaya', { id: 'twin-b', creator: BEN, tag: 'place' });
    const first = span('river rose', { id: 'first' }); // 4–14
    const { store } = open([twinB, inner]);
    store.apply([sameStart, first]);
    store.apply([twinA, outer]);
    expect(ids(store.getSnapshot().sorted)).toEqual(['first', 'outer', 'inner', 'same-start', 'twin-a', 'twin-b']);

    // A span whose target changed (e.g. relocated after its file was edited) moves to its new place.
    const moved: SpanRecord = { ...inner, rev: 2, target: span('dawn').target };
    store.apply([moved]);
    expect(ids(store.getSnapshot().sorted)).toEqual(['first', 'inner', 'outer', 'same-start', 'twin-a', 'twin-b']);
    expect(store.getSnapshot().sorted).toHaveLength(new Set(ids(store.getSnapshot().sorted)).size);
  });

  it('finds the spans at an offset and over a range, in text order', () => {
    const outer = span('The old dam on the Veshnaya river', { id: 'outer' }); // 24–57
    const inner = span('old dam', { id: 'inner' }); // 28–35
    const later = span('Veshnaya', { id: 'later' }); // 43–51
    const first = span('river rose', { id: 'first' }); // 4–14
    const { store } = open([later, inner, first, outer]);

    expect(ids(store.containing(4))).toEqual(['first']); // start is inside
    expect(ids(store.containing(14))).toEqual([]); // end is not
    expect(ids(store.containing(30))).toEqual(['outer', 'inner']);
    expect(ids(store.containing(35))).toEqual(['outer']);
    expect(ids(store.containing(44))).toEqual(['outer', 'later']);

    expect(ids(store.intersecting(0, 4))).toEqual([]); // touching is not overlapping
    expect(ids(store.intersecting(13, 25))).toEqual(['first', 'outer']);
    expect(ids(store.intersecting(35, 43))).toEqual(['outer']);
    expect(ids(store.intersecting(0, TEXT.length))).toEqual(['first', 'outer', 'inner', 'later']);
    expect(ids(store.intersecting(57, TEXT.length))).toEqual([]);
  });

  it('keeps the selection across an edit of the selected span, and clears it when the span is deleted', () => {
    const a = span('old dam');
    const b = span('river rose');
    const { store, selections } = open([a, b]);

    store.select(a.id);
    expect(store.selected).toEqual(a);
    store.select(a.id); // no change, no event
    expect(selections).toEqual([a.id]);

    const retagged: SpanRecord = { ...a, tag: 'source', rev: 2 };
    store.apply([retagged]);
    expect(store.getSnapshot().selectedId).toBe(a.id);
    expect(store.selected).toEqual(retagged); // the new version, for the panel
    expect(selections).toEqual([a.id, a.id]);

    // Changes elsewhere do not disturb it (no selection event).
    store.apply([{ ...b, note: 'elsewhere', rev: 2 }, comment(a, 'a comment')]);
    expect(selections).toHaveLength(2);
    expect(store.selected).toEqual(retagged);

    store.apply([{ ...retagged, rev: 3, deleted: true }]);
    expect(store.getSnapshot().selectedId).toBeNull();
    expect(store.selected).toBeNull();
    expect(selections).toEqual([a.id, a.id, null]);

    // Only live spans can be selected.
    store.select(a.id);
    store.select('comment-a comment');
    expect(store.getSnapshot().selectedId).toBeNull();
    expect(selections).toHaveLength(3);
  });

  it('never changes a snapshot it handed out', () => {
    const a = span('old dam');
    const { store } = open([a]);
    const before = store.getSnapshot();
    const sortedBefore = [...before.sorted];
    store.apply([span('river rose'), { ...a, rev: 2, deleted: true }]);
    expect(store.getSnapshot()).not.toBe(before);
    expect(before.sorted).toEqual(sortedBefore);
    expect(before.records).toEqual([a]);
  });

  it('reconcile: takes the saved state, keeps records with pending local changes, removes what the host no longer has', () => {
    const edited = span('river rose', { id: 'edited', note: 'saved note' });
    const changedThere = span('old dam', { id: 'changed-there' });
    const goneThere = span('Veshnaya', { id: 'gone-there' });
    const same = span('dawn', { id: 'same' });
    const c = comment(same, 'still here');
    const goneComment = comment(same, 'deleted there');
    const { store, diffs } = open([edited, changedThere, goneThere, same, c, goneComment]);

    // Local edits not yet saved: a note being saved, and a span created here.
    const localEdit: SpanRecord = { ...edited, note: 'typed here' };
    const localNew = span('broke.', { id: 'local-new' });
    store.apply([localEdit, localNew]);
    diffs.length = 0;

    // What the host lists now.
    const changedThereNow: SpanRecord = { ...changedThere, tag: 'place', rev: 2 };
    const arrived = span('The river', { id: 'arrived' });
    const savedEdited: SpanRecord = { ...edited, note: 'someone else', rev: 2 };
    store.reconcile([savedEdited, changedThereNow, same, c, arrived], new Set([edited.id, localNew.id]));

    expect(store.get(edited.id)).toEqual(localEdit); // kept: its own change is on its way
    expect(store.get(localNew.id)).toEqual(localNew);
    expect(store.get(changedThere.id)).toEqual(changedThereNow);
    expect(store.get(arrived.id)).toEqual(arrived);
    expect(store.get(goneThere.id)).toBeUndefined();
    expect(store.record(goneComment.id)).toBeUndefined();
    expect(store.record(c.id)).toEqual(c);
    expect(ids(store.getSnapshot().records).sort()).toEqual([edited.id, localNew.id, changedThere.id, same.id, c.id, arrived.id].sort());
    // One diff: only what changed (the unchanged span is not repainted).
    expect(diffs).toHaveLength(1);
    expect(ids(diffs[0]?.removed ?? []).sort()).toEqual([changedThere.id, goneThere.id].sort());
    expect(ids(diffs[0]?.added ?? []).sort()).toEqual([arrived.id, changedThere.id].sort());

    // Already in line: nothing happens.
    store.reconcile([savedEdited, changedThereNow, same, c, arrived], new Set([edited.id, localNew.id]));
    expect(diffs).toHaveLength(1);

    // Once nothing is pending, the saved versions win and a record the host never got goes.
    store.reconcile([savedEdited, changedThereNow, same, c, arrived], new Set());
    expect(store.get(edited.id)).toEqual(savedEdited);
    expect(store.get(localNew.id)).toBeUndefined();
  });
});
