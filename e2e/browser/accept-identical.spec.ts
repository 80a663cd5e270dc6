// Issue 9, item 1: Ana and Ben tagged identical spans; Ana accepts Ben's. Her layer holds each
// span once (accepting links the decision to her own span, no copy), and Agreement shows exact
// recall 1.000 for them, not an "Only Ana" disagreement. A span Ana did not have is copied into
// her layer by accepting; Agreement leaves that copy out unless "Include accepted copies".
import { test } from '@playwright/test';
import { annotationRow, annotationRows, waitSaved } from '../support/annotate-flow';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';
import { checkExportFile } from '../support/export-check';
import {
  AnalystSession,
  agreementPanel,
  agreementRow,
  closeDialog,
  currentItem,
  importFile,
  openReview,
  reviewProgress,
  tagPhrases,
} from '../support/review';
import { expect } from './fixtures';

const CLAIM = 'a breach roughly 60 metres wide in the Veshnaya reservoir dam';
const SHARED = [
  { phrase: CLAIM, type: 'claim' },
  { phrase: 'Lesnaya Polyana', type: 'place' },
] as const;
const BEN_ONLY = { phrase: 'Open Imagery Collective', type: 'source' } as const;

test('accepting identical spans links them: no duplicates, and agreement counts independent work', async ({ page }, testInfo) => {
  const article = corpusFiles(SAMPLE_CORPUS).find((f) => f.text.includes(CLAIM));
  if (!article) throw new Error('sample article missing');
  const out = testInfo.outputPath();

  const ben = await AnalystSession.launch(page, 'Ben', SAMPLE_CORPUS, out);
  await tagPhrases(page, article.title, [...SHARED, BEN_ONLY]);
  const benFile = await ben.exportAll();
  await ben.stop();

  const ana = await AnalystSession.launch(page, 'Ana', SAMPLE_CORPUS, out);
  await tagPhrases(page, article.title, SHARED);
  await closeDialog(await importFile(page, benFile));
  await expect(annotationRows(page)).toHaveCount(5);

  // Accept all three of Ben's spans with the review queue (A moves on to the next).
  await openReview(page);
  await expect(reviewProgress(page)).toHaveText('0 of 3 reviewed');
  for (let n = 1; n <= 3; n++) {
    await expect(currentItem(page)).toBeVisible();
    await page.keyboard.press('a');
    await expect(reviewProgress(page)).toHaveText(`${n} of 3 reviewed`);
  }
  await waitSaved(page);
  // Ben's 3 + Ana's 2 + one copy (the source she did not have): the identical ones are not copied.
  await expect(annotationRows(page)).toHaveCount(6);
  await expect(annotationRow(page, 'claim', CLAIM)).toHaveCount(2);
  await expect(annotationRow(page, 'place', 'Lesnaya Polyana')).toHaveCount(2);

  // The export: Ana's layer holds each span once; the decisions point at her own spans.
  const exported = checkExportFile(await ana.exportAll());
  const doc = exported.documents.find((d) => d.annotations.some((a) => a.quote === CLAIM));
  if (!doc) throw new Error('the annotated document is not in the export');
  const anas = doc.annotations.filter((a) => a.author === 'Ana');
  expect(anas.map((a) => a.quote).sort()).toEqual([CLAIM, 'Lesnaya Polyana', BEN_ONLY.phrase].sort());
  for (const { phrase } of SHARED) {
    const mine = anas.find((a) => a.quote === phrase);
    const his = doc.annotations.find((a) => a.author === 'Ben' && a.quote === phrase);
    expect(mine?.origin, `Ana's own "${phrase}" is no copy`).toBeUndefined();
    expect((doc.reviews ?? []).find((r) => r.spanId === his?.id)).toMatchObject({ decision: 'accept', copyId: mine?.id });
  }
  const copy = anas.find((a) => a.quote === BEN_ONLY.phrase);
  expect(copy?.origin).toMatchObject({ author: 'Ben' });

  // Agreement, Ana (A) vs Ben (B), this document. Independent work: A = claim + place,
  // B = claim + place + source. Exact 2 / 2 / 3: precision 0.667, recall 1.000, F1 0.800.
  await page.getByRole('button', { name: 'Agreement', exact: true }).click();
  const panel = agreementPanel(page);
  await expect(panel.getByRole('combobox', { name: 'Analyst A' }).locator('option:checked')).toHaveText('Ana');
  await expect(panel.getByRole('combobox', { name: 'Analyst B' }).locator('option:checked')).toHaveText('Ben');
  const copies = panel.getByRole('checkbox', { name: 'Include accepted copies' });
  await expect(copies).not.toBeChecked();
  await expect.poll(async () => (await agreementRow(page, 'Overall')).slice(0, 4)).toEqual(['2 / 2 / 3', '0.667', '1.000', '0.800']);
  expect((await agreementRow(page, 'Claim')).slice(0, 4)).toEqual(['1 / 1 / 1', '1.000', '1.000', '1.000']);
  expect((await agreementRow(page, 'Place')).slice(0, 4)).toEqual(['1 / 1 / 1', '1.000', '1.000', '1.000']);
  await expect(panel).toContainText('1 accepted copy is left out');
  const disagreements = panel.getByRole('list', { name: 'Disagreements' });
  await expect(disagreements.getByRole('button')).toHaveCount(1);
  await expect(disagreements.getByRole('button').first()).toHaveText(/^Only Ben: Source “Open Imagery Collective”/);
  await expect(panel.getByRole('button', { name: /^Only Ana/ })).toHaveCount(0);

  // Counting the copy: A = 3, all matched, as if Ana had tagged the source herself.
  await copies.check();
  await expect.poll(async () => (await agreementRow(page, 'Overall')).slice(0, 4)).toEqual(['3 / 3 / 3', '1.000', '1.000', '1.000']);
  await expect(panel).toContainText('1 accepted copy is compared too');
  await expect(panel.getByText('None: every span matches exactly.')).toBeVisible();
  await copies.uncheck();
  await expect.poll(async () => (await agreementRow(page, 'Overall')).slice(0, 4)).toEqual(['2 / 2 / 3', '0.667', '1.000', '0.800']);
  await ana.stop();
});
