// Agreement between two analysts on one 1 MB document with 10,000 spans each, heavily
// overlapping (short spans nested in sentence claims nested in long claims), measured through
// the real service (core.getAgreement) against a floor measured in the same run: cutting the
// text into word tokens (kappa and alpha need them, so no agreement can skip it), sorting both
// analysts' spans and counting the identical ones. The ratio says how far above that floor we
// are; a quadratic step would show as a ratio in the tens or hundreds.
import { type AgreementSpan, wordTokens } from '../shared/agreement';
import { countExactMatches } from '../shared/agreement-spans';
import { TAG_TYPES, type TagType } from '../shared/model';
import { type Creator, type SpanRecord, legacyCreator } from '../shared/model/records';
import { RecordStore } from '../main/services/store/record-store';
import { NoticeBoard } from '../main/services/notices';
import { join } from 'node:path';
import { quoteContext } from '../shared/offsets';
import { buildFixture, openCore } from './fixtures';
import { Random } from './random';
import { type Figure, summarize } from './stats';

const SPANS = 10_000;
const SAVE_BATCH = 1000;

interface Bounds {
  type: TagType;
  start: number;
  end: number;
}

/** Word index range [first, last] -> offsets, clamped to the text. */
function wordRange(words: readonly [number, number][], first: number, last: number): { start: number; end: number } {
  const lo = Math.max(0, Math.min(first, words.length - 1));
  const hi = Math.max(lo, Math.min(last, words.length - 1));
  return { start: (words[lo] as [number, number])[0], end: (words[hi] as [number, number])[1] };
}

/** Longest span generated: the store refuses spans over 200,000 characters. */
const LONGEST = 150_000;

/**
 * One analyst's span: 60% names/figures/sources of 1-6 words, 30% sentence-long claims,
 * 10% claims from 150 words (about 1 KB) to 150 KB, log-uniform, that contain hundreds or
 * thousands of the others.
 */
function randomSpan(random: Random, words: readonly [number, number][]): Bounds {
  const first = random.int(0, words.length - 1);
  const roll = random.next();
  if (roll < 0.6) return { type: random.pick<TagType>(['source', 'figure', 'place', 'place', 'claim']), ...wordRange(words, first, first + random.int(0, 5)) };
  if (roll < 0.9) return { type: 'claim', ...wordRange(words, first, first + random.int(8, 40)) };
  const type = random.next() < 0.9 ? 'claim' : 'source';
  let last = first + Math.round(Math.exp(Math.log(150) + random.next() * Math.log(words.length / 150)));
  const start = (words[first] as [number, number])[0];
  while (last > first && wordRange(words, first, last).end - start > LONGEST) last = first + Math.floor((last - first) * 0.9);
  return { type, ...wordRange(words, first, last) };
}

/** B from A: half identical, a fifth with a bound moved by a word or two, a tenth retagged, a fifth dropped and replaced. */
function secondAnalyst(random: Random, words: readonly [number, number][], a: readonly Bounds[]): Bounds[] {
  const wordAt = new Map<number, number>();
  words.forEach(([start, end], i) => {
    wordAt.set(start, i);
    wordAt.set(end, i);
  });
  const b: Bounds[] = [];
  for (const span of a) {
    const roll = random.next();
    if (roll < 0.5) b.push({ ...span });
    else if (roll < 0.7) {
      const first = (wordAt.get(span.start) ?? 0) + (random.next() < 0.5 ? random.int(-2, 2) : 0);
      const last = (wordAt.get(span.end) ?? 0) + random.int(-2, 2);
      b.push({ type: span.type, ...wordRange(words, first, Math.max(first, last)) });
    } else if (roll < 0.8) b.push({ ...span, type: random.pick(TAG_TYPES.filter((t) => t !== span.type)) });
  }
  while (b.length < SPANS) b.push(randomSpan(random, words));
  return b;
}

function annotate(text: string, docId: string, creator: Creator, spans: readonly Bounds[]): SpanRecord[] {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  return spans.map((s, i) => ({
    kind: 'span',
    id: `agr-${creator.name}-${i.toString(36)}`,
    creator,
    rev: 1,
    createdAt: at,
    updatedAt: at,
    target: { docId, start: s.start, end: s.end, ...quoteContext(text, s.start, s.end) },
    tag: s.type,
    note: '',
  }));
}

/** Pairs (a, b) that overlap, counted (not listed) by binary search: what the old matching enumerated. */
function overlappingPairCount(as: readonly Bounds[], bs: readonly Bounds[]): number {
  const starts = bs.map((b) => b.start).sort((x, y) => x - y);
  const ends = bs.map((b) => b.end).sort((x, y) => x - y);
  const below = (sorted: number[], value: number, inclusive: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < value || (inclusive && sorted[mid] === value)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // b overlaps a when b.start < a.end and b.end > a.start; b.end <= a.start implies b.start < a.end
  return as.reduce((sum, a) => sum + below(starts, a.end, false) - below(ends, a.start, true), 0);
}

/** Both analysts' spans over `text`: A at random, B derived from A. */
export function agreementLayers(text: string, seed: number): { a: Bounds[]; b: Bounds[] } {
  const random = new Random(seed);
  const words = wordTokens(text);
  const a = Array.from({ length: SPANS }, () => randomSpan(random, words));
  return { a, b: secondAnalyst(random, words, a) };
}

export async function runAgreementBenchmark(root: string, seed: number, runs: number, log: (line: string) => void): Promise<Record<string, Figure>> {
  const fixture = await buildFixture(root, [{ fileName: 'agreement-1m.txt', title: 'Two analysts on the same long report', size: 1_000_000, annotations: 0 }], seed);
  const doc = [...fixture.docs.values()][0];
  if (!doc) throw new Error('agreement article missing');
  const { a: boundsA, b: boundsB } = agreementLayers(doc.text, seed + 2);
  const ana = legacyCreator('Ana');
  const ben = legacyCreator('Ben');
  const a = annotate(doc.text, doc.id, ana, boundsA);
  const b = annotate(doc.text, doc.id, ben, boundsB);
  // Two analysts' layers, as imports leave them: written to the store as merges.
  const store = new RecordStore({ dir: join(fixture.dataDir, 'records'), notices: new NoticeBoard() });
  for (const list of [a, b]) for (let i = 0; i < list.length; i += SAVE_BATCH) await store.apply(doc.id, list.slice(i, i + SAVE_BATCH), { mode: 'merge' });
  await store.flush();
  const core = await openCore(root);
  try {
    const samePerTag = TAG_TYPES.reduce((sum, t) => sum + overlappingPairCount(boundsA.filter((s) => s.type === t), boundsB.filter((s) => s.type === t)), 0);
    log(`  agreement data: ${(doc.text.length / 1e6).toFixed(1)} MB, ${a.length} + ${b.length} spans, ${samePerTag.toLocaleString('en-US')} overlapping same-tag pairs`);
    const spans = (list: readonly SpanRecord[]): AgreementSpan[] => list.map(({ id, tag, target }) => ({ id, type: tag, start: target.start, end: target.end, quote: target.quote }));
    const byPosition = (x: AgreementSpan, y: AgreementSpan) => x.start - y.start || x.end - y.end;
    const floor = () => {
      const started = performance.now();
      wordTokens(doc.text);
      countExactMatches(spans(a).sort(byPosition), spans(b).sort(byPosition));
      return performance.now() - started;
    };
    const agreement = async () => {
      const started = performance.now();
      const report = await core.getAgreement(ana.id, ben.id, doc.id);
      return { ms: performance.now() - started, report };
    };
    const first = await agreement(); // warm-up, not counted
    floor();
    const { overall } = first.report.summary;
    log(`  warm-up: ${first.ms.toFixed(0)} ms; exact F1 ${overall.exact.f1?.toFixed(3)}, overlap F1 ${overall.overlap.f1?.toFixed(3)}, κ ${overall.kappa?.toFixed(3)}, ${first.report.disagreementsTotal} disagreements`);
    const ours: number[] = [];
    const floors: number[] = [];
    for (let run = 0; run < runs; run++) {
      floors.push(floor());
      ours.push((await agreement()).ms);
      log(`  run ${run + 1}: agreement ${ours.at(-1)?.toFixed(0)} ms (floor ${floors.at(-1)?.toFixed(0)} ms)`);
    }
    return {
      agreement_10k_ms: summarize(ours, 'ms', 0),
      agreement_floor_10k_ms: summarize(floors, 'ms', 0),
      ratio_agreement_vs_floor: summarize(ours.map((value, i) => value / (floors[i] ?? Number.NaN)), '×'),
    };
  } finally {
    await core.close();
  }
}
