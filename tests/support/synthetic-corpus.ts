// Generated articles for the process-level tests: news-like words with curly quotes, accents
// and an emoji (a surrogate pair), written to a temp folder. Spans are cut at word boundaries.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TagType } from '../../shared/model';
import type { Creator, SpanRecord } from '../../shared/model/records';
import { quoteContext } from '../../shared/offsets';
import { normalizeText } from '../../shared/text';
import { type Rng, pick, randomInt } from './seeded';

const WORDS = [
  'the', 'ministry', 'said', 'officials', 'reported', 'near', 'Kherson', 'Zaporizhzhia', 'café', 'Ørsted',
  '“quoted”', 'village', '40', 'boats', '3.5', 'km', 'road', 'closed', 'on', 'Monday', 'according', 'to',
  'sources', 'claimed', 'figures', 'show', '🌍', 'council', 'harbour', 'mayor', 'Elmfield', 'about', '12%',
];

export interface SyntheticDocument {
  fileName: string;
  /** The normalized text, as the app will see it. */
  text: string;
  /** SHA-256 of the normalized text: the app's document id. */
  id: string;
}

export function documentId(text: string): string {
  return createHash('sha256').update(normalizeText(text), 'utf8').digest('hex');
}

export function syntheticText(rng: Rng, title: string, paragraphs: number): string {
  const lines = [title, ''];
  for (let p = 0; p < paragraphs; p++) {
    const words = Array.from({ length: randomInt(rng, 25, 60) }, () => pick(rng, WORDS));
    lines.push(`${words.join(' ')}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `count` articles into `dir` and returns them with their ids. */
export async function writeSyntheticCorpus(dir: string, rng: Rng, count: number, paragraphs = 40): Promise<SyntheticDocument[]> {
  await mkdir(dir, { recursive: true });
  const docs: SyntheticDocument[] = [];
  for (let i = 0; i < count; i++) {
    const fileName = `article-${String(i + 1).padStart(2, '0')}.txt`;
    const text = syntheticText(rng, `Synthetic report ${i + 1}`, paragraphs);
    await writeFile(join(dir, fileName), text, 'utf8');
    docs.push({ fileName, text, id: documentId(text) });
  }
  return docs;
}

/** Word spans of a text (UTF-16 offsets), for choosing annotation spans that never split a character. */
export function wordSpans(text: string): [number, number][] {
  return Array.from(text.matchAll(/\S+/gu), (m): [number, number] => [m.index, m.index + m[0].length]);
}

export interface SpanSeed {
  id: string;
  tag: TagType;
  start: number;
  end: number;
  note?: string;
  rev?: number;
  at?: string;
}

/** A span record of `creator` over text[start, end) with the real context (rev 1 unless given). */
export function buildSpan(doc: SyntheticDocument, seed: SpanSeed, creator: Creator): SpanRecord {
  const at = seed.at ?? new Date().toISOString();
  return {
    kind: 'span',
    id: seed.id,
    creator,
    rev: seed.rev ?? 1,
    createdAt: at,
    updatedAt: at,
    target: { docId: doc.id, start: seed.start, end: seed.end, ...quoteContext(doc.text, seed.start, seed.end) },
    tag: seed.tag,
    note: seed.note ?? '',
  };
}

/** A span of 1-4 whole words starting at a random word. */
export function randomSpan(rng: Rng, spans: readonly [number, number][]): [number, number] {
  const first = randomInt(rng, 0, spans.length - 1);
  const last = Math.min(spans.length - 1, first + randomInt(rng, 0, 3));
  const a = spans[first];
  const b = spans[last];
  if (!a || !b) throw new Error('no words to annotate');
  return [a[0], b[1]];
}
