// Synthetic articles (news-like prose in paragraphs) and annotations over them, from a fixed
// seed. Annotations cover whole words, use all four tags, and about one in eight overlaps
// another, like an analyst's real work.
import { TAG_TYPES } from '../shared/model';
import type { Creator, SpanRecord } from '../shared/model/records';
import { quoteContext } from '../shared/offsets';
import { Random } from './random';

export const SEED = 20_260_311;

const NOUNS = ['ministry', 'convoy', 'village', 'report', 'witness', 'official', 'battalion', 'bridge', 'province', 'agency',
  'spokesman', 'hospital', 'district', 'satellite image', 'council', 'checkpoint', 'refinery', 'port', 'governor', 'analyst',
  'brigade', 'airfield', 'statement', 'journalist', 'shipment', 'pipeline', 'border crossing', 'market', 'drone', 'court'];
const VERBS = ['said', 'reported', 'denied', 'confirmed', 'claimed', 'estimated', 'announced', 'disputed', 'described',
  'recorded', 'observed', 'published', 'questioned', 'verified', 'withdrew', 'shelled', 'repaired', 'evacuated'];
const ADJECTIVES = ['local', 'regional', 'unverified', 'independent', 'northern', 'southern', 'damaged', 'official', 'recent',
  'contested', 'heavy', 'early', 'overnight', 'coastal', 'eastern', 'western', 'new', 'former', 'senior', 'anonymous'];
const PLACES = ['Kherson', 'Odesa', 'Mariupol', 'Aleppo', 'Idlib', 'Mosul', 'Goma', 'Khartoum', 'Rafah', 'Tigray', 'Kursk',
  'Bakhmut', 'Sumy', 'Kharkiv', 'Benghazi', 'Sanaa', 'Hodeidah', 'Juba', 'Marawi', 'Donetsk'];
const CONNECTORS = ['according to', 'near', 'after', 'before', 'despite', 'while', 'following', 'outside', 'within', 'during'];

function sentence(random: Random): string {
  const number = random.next() < 0.3 ? ` ${random.int(2, 4000).toLocaleString('en-US')} ` : ' ';
  const words = [
    'The', random.pick(ADJECTIVES), random.pick(NOUNS), random.pick(VERBS), `that${number}${random.pick(NOUNS)}s`,
    random.pick(CONNECTORS), random.pick(PLACES), random.pick(CONNECTORS), 'the', random.pick(ADJECTIVES), random.pick(NOUNS),
  ];
  if (random.next() < 0.5) words.push(random.pick(CONNECTORS), 'the', random.pick(NOUNS), 'in', random.pick(PLACES));
  return `${words.join(' ')}.`;
}

/** An article of about `size` UTF-16 units: a title, then paragraphs separated by blank lines. */
export function generateArticle(random: Random, size: number, title: string): string {
  const parts = [title, ''];
  let length = title.length + 1;
  while (length < size) {
    const sentences = [];
    for (let n = random.int(3, 8); n > 0; n--) sentences.push(sentence(random));
    const paragraph = sentences.join(' ');
    parts.push(paragraph, '');
    length += paragraph.length + 2;
  }
  return `${parts.join('\n')}\n`;
}

/** Word spans [start, end) of the text, in order. */
function wordSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N},'-]*/gu)) spans.push([match.index, match.index + match[0].length]);
  return spans;
}

/**
 * `count` annotations of 1-6 words each, spread over the article (after its title line); about
 * one in eight overlaps the previous one.
 */
export function generateAnnotations(random: Random, docId: string, text: string, count: number, creator: Creator): SpanRecord[] {
  const words = wordSpans(text).filter(([start]) => start > text.indexOf('\n'));
  const stride = words.length / count;
  const annotations: SpanRecord[] = [];
  const createdAt = new Date(Date.UTC(2026, 0, 1)).toISOString();
  for (let i = 0; i < count; i++) {
    const overlapsPrevious = i > 0 && random.next() < 0.125;
    const first = Math.min(words.length - 7, Math.floor(i * stride) + (overlapsPrevious ? -1 : 0));
    const firstWord = words[Math.max(0, first)];
    const lastWord = words[Math.max(0, first) + random.int(0, 5)];
    if (!firstWord || !lastWord) throw new Error('article too short for its annotations');
    let [start] = firstWord;
    let [, end] = lastWord;
    // Spans stay within a paragraph, as selections in the app do.
    const lineBreak = text.indexOf('\n', start);
    if (lineBreak !== -1 && lineBreak < end) end = lineBreak;
    if (end <= start) [start, end] = firstWord;
    annotations.push({
      kind: 'span',
      id: `bench-${i.toString(36)}-${docId.slice(0, 8)}`,
      creator,
      rev: 1,
      createdAt,
      updatedAt: createdAt,
      target: { docId, start, end, ...quoteContext(text, start, end) },
      tag: TAG_TYPES[random.int(0, 3)] ?? 'claim',
      note: random.next() < 0.1 ? 'Check against the second source.' : '',
    });
  }
  return annotations;
}
