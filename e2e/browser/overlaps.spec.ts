// Nested spans stay readable: the seed claim of the shared corpus ("More than 1,000 North Korean
// soldiers … South Korea said … over 3,000 casualties") tagged with its sources, figures and
// places inside it, by real mouse drags and keys. Every character shows one tag's wash (the
// innermost span's, never a blend), each span draws its line cue on a lane of its own, and the
// colours in the article are the legend's. The screenshot is kept under test-results.
import type { Page } from '@playwright/test';
import { TAGS, type TagType } from '../../shared/model';
import { annotationRow, annotationRows, openDocument, waitSaved } from '../support/annotate-flow';
import { displayedText, dragSelect, type WordSpan, wordsOfLine } from '../support/article';
import { corpusFiles, SHARED_CORPUS, sharedCorpusSkipReason } from '../support/corpus';
import { expect, test } from './fixtures';

const missingCorpus = sharedCorpusSkipReason('overlaps.spec.ts');
test.skip(missingCorpus !== null, missingCorpus ?? '');
// Twice the pixels, so the screenshot shows each line cue clearly.
test.use({ deviceScaleFactor: 2 });

const CLAIM_START = 'More than 1,000 North Korean soldiers';
const CLAIM_END = 'over 3,000 casualties';

interface Tagging {
  /** Read from the article at test time; never copied into the repo. */
  phrase: (sentence: string) => string;
  type: TagType;
}

const key = (type: TagType): string => TAGS.find((t) => t.type === type)?.key ?? '1';
const inner = (phrase: string) => () => phrase;

// Outer first, then what nests inside it: the claim, a second claim inside it, their figures,
// sources and a place.
const TAGGING: Tagging[] = [
  { phrase: (sentence) => sentence, type: 'claim' },
  { phrase: inner('More than 1,000'), type: 'figure' },
  { phrase: inner('Ukraine'), type: 'place' },
  { phrase: inner('South Korea'), type: 'source' },
  { phrase: (sentence) => sentence.slice(sentence.indexOf('Kyiv')), type: 'claim' },
  { phrase: inner('Kyiv'), type: 'source' },
  { phrase: inner(CLAIM_END), type: 'figure' },
];

/** The first and last word of `phrase` at or after `from` in one line, for selecting it with the mouse. */
function phraseIn(lineText: string, line: number, phrase: string, from: number): { from: WordSpan; to: WordSpan } {
  const at = lineText.indexOf(phrase, from);
  const words = wordsOfLine(lineText, line).filter((w) => w.start >= at && w.end <= at + phrase.length);
  const [first, last] = [words[0], words.at(-1)];
  if (at === -1 || !first || !last) throw new Error(`not in the line: ${phrase}`);
  return { from: first, to: last };
}

/** Per character of [start, end) of the paragraph: the names of the highlights covering it. */
async function highlightsPerChar(page: Page, line: number, start: number, end: number): Promise<string[][]> {
  return page.evaluate(
    ([lineIndex, from, to]) => {
      const root = document.querySelector('.article-text') as HTMLElement;
      const paragraph = root.children[lineIndex as number] as HTMLElement;
      const textNode = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT).nextNode() as Text;
      const result: string[][] = [];
      for (let i = from as number; i < (to as number); i++) {
        const names: string[] = [];
        for (const [name, highlight] of CSS.highlights) {
          for (const range of highlight) {
            if (range.startContainer === textNode && range.endContainer === textNode && range.startOffset <= i && i < range.endOffset) names.push(name);
          }
        }
        result.push(names);
      }
      return result;
    },
    [line, start, end],
  );
}

/** The colour of the screenshot's pixel at a viewport point, read back in the page. */
async function pixelAt(page: Page, png: Buffer, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(
    async ([data, px, py]) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data as string}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(image, 0, 0);
      const scale = image.width / window.innerWidth;
      const [r, g, b] = context.getImageData(Math.round((px as number) * scale), Math.round((py as number) * scale), 1, 1).data;
      return [r ?? 0, g ?? 0, b ?? 0] as [number, number, number];
    },
    [png.toString('base64'), x, y] as const,
  );
}

test('the nested spans of the seed claim: one wash per character, a lane per span, the legend names each', async ({ app }, testInfo) => {
  const page = await app.launch(SHARED_CORPUS);
  const article = corpusFiles(SHARED_CORPUS).find((f) => f.text.includes(CLAIM_START) && f.text.includes(CLAIM_END));
  test.skip(!article, 'the seed claim is not in this corpus');
  if (!article) return;
  await openDocument(page, article.title);
  const text = await displayedText(page);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(CLAIM_START));
  const lineText = lines[line] ?? '';
  const sentenceStart = lineText.indexOf(CLAIM_START);
  const sentence = lineText.slice(sentenceStart, lineText.indexOf(CLAIM_END, sentenceStart) + CLAIM_END.length);

  for (const { phrase, type } of TAGGING) {
    const quote = phrase(sentence);
    const { from, to } = phraseIn(lineText, line, quote, sentenceStart);
    await dragSelect(page, from, to);
    await page.keyboard.press(key(type));
    await expect(annotationRow(page, type, quote)).toBeVisible();
  }
  await expect(annotationRows(page)).toHaveCount(TAGGING.length);
  await page.keyboard.press('Escape');
  await waitSaved(page);

  // One wash per character: never two tag colours blended.
  const covered = await highlightsPerChar(page, line, sentenceStart, sentenceStart + sentence.length);
  const washes = covered.map((names) => names.filter((n) => /^marginalia-(claim|source|figure|place)$/.test(n)));
  expect(washes.every((w) => w.length === 1)).toBe(true);
  const washAt = (phrase: string) => washes[sentence.indexOf(phrase) + 1]?.[0];
  expect(washAt('More than 1,000')).toBe('marginalia-figure');
  expect(washAt('South Korea')).toBe('marginalia-source');
  expect(washAt('Kyiv')).toBe('marginalia-source');
  expect(washAt('over 3,000')).toBe('marginalia-figure');
  expect(washAt('estimated')).toBe('marginalia-claim');
  expect(washAt('soldiers')).toBe('marginalia-claim');

  // Each span's line cue on its own lane: the outer claim nearest the text, then one lane per nesting level.
  const bandsAt = (phrase: string) => (covered[sentence.indexOf(phrase) + 1] ?? []).filter((n) => n.startsWith('marginalia-band-')).sort();
  expect(bandsAt('soldiers')).toEqual(['marginalia-band-claim-0']);
  expect(bandsAt('More than')).toEqual(['marginalia-band-claim-0', 'marginalia-band-figure-1']);
  expect(bandsAt('South Korea')).toEqual(['marginalia-band-claim-0', 'marginalia-band-source-1']);
  expect(bandsAt('estimated')).toEqual(['marginalia-band-claim-0', 'marginalia-band-claim-1']);
  expect(bandsAt('Kyiv')).toEqual(['marginalia-band-claim-0', 'marginalia-band-claim-1', 'marginalia-band-source-2']);
  expect(bandsAt('over 3,000')).toEqual(['marginalia-band-claim-0', 'marginalia-band-claim-1', 'marginalia-band-figure-2']);
  // The legend names each tag and its cue.
  const legend = page.getByRole('note', { name: 'Legend' });
  for (const tag of TAGS) await expect(legend).toContainText(tag.label);

  // Screenshot the claim with the legend; the article's washes are the legend's swatches, pixel for pixel.
  const claimBox = await page.evaluate(
    ([lineIndex, from, to]) => {
      const paragraph = (document.querySelector('.article-text') as HTMLElement).children[lineIndex as number] as HTMLElement;
      const textNode = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT).nextNode() as Text;
      const range = document.createRange();
      range.setStart(textNode, from as number);
      range.setEnd(textNode, to as number);
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const rect = range.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    },
    [line, sentenceStart, sentenceStart + sentence.length],
  );
  const shot = await page.screenshot({ path: testInfo.outputPath('seed-claim-overlaps.png') });
  await page.screenshot({
    path: testInfo.outputPath('seed-claim-overlaps-clip.png'),
    clip: { x: claimBox.x - 16, y: claimBox.y - 16, width: claimBox.width + 32, height: claimBox.height + 40 },
  });
  await legend.screenshot({ path: testInfo.outputPath('legend.png') });
  const swatch = async (type: TagType) => {
    const box = await legend.locator(`.legend-sample-${type}`).boundingBox();
    if (!box) throw new Error(`no legend sample for ${type}`);
    // The no-break space before the label: wash only, no ink.
    return pixelAt(page, shot, box.x + 2, box.y + box.height * 0.15);
  };
  /** The page colour behind the `nth` character of `phrase` (a letter without ascender: wash only, no ink). */
  const inArticle = async (phrase: string, nth: number) => {
    const offset = sentenceStart + sentence.indexOf(phrase) + nth;
    const box = await page.evaluate(
      ([lineIndex, at]) => {
        const paragraph = (document.querySelector('.article-text') as HTMLElement).children[lineIndex as number] as HTMLElement;
        const textNode = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT).nextNode() as Text;
        const range = document.createRange();
        range.setStart(textNode, at as number);
        range.setEnd(textNode, (at as number) + 1);
        const rect = range.getClientRects()[0] as DOMRect;
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height * 0.15 };
      },
      [line, offset],
    );
    return pixelAt(page, shot, box.x, box.y);
  };
  const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= 3);
  const pairs = [
    ['claim', 'wounded', 3], // n
    ['figure', 'over 3,000', 2], // e
    ['source', 'South Korea', 2], // u
    ['place', 'Ukraine', 3], // a
  ] as const;
  for (const [type, phrase, nth] of pairs) {
    const [article, legendSwatch] = [await inArticle(phrase, nth), await swatch(type)];
    expect(close(article, legendSwatch), `${type}: ${phrase} is painted ${article.join(',')}, the legend shows ${legendSwatch.join(',')}`).toBe(true);
  }
});
