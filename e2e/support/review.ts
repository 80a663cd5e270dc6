// Reviewing flows: two analysts, each with their own data dir and browser host, driven
// through the real UI on one page (one after the other).
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { TagType } from '../../shared/model';
import { type FlowHost, annotationRow, enterAnalystName, openDocument, waitSaved } from './annotate-flow';
import { displayedText, dragSelect, findPhrase } from './article';
import { type RunningHost, makeDataDir, startHost } from './web-host';

/** One analyst: a data dir of their own and a host on the shared corpus folder. */
export class AnalystSession implements FlowHost {
  private running: RunningHost | null = null;

  private constructor(
    readonly name: string,
    readonly dataDir: string,
    private readonly corpusDir: string,
    private readonly current: Page,
    private readonly outputDir: string,
  ) {}

  /** Starts a fresh data dir and answers the first-run dialog with `name`. */
  static async launch(page: Page, name: string, corpusDir: string, outputDir: string): Promise<AnalystSession> {
    const session = new AnalystSession(name, await makeDataDir(), corpusDir, page, outputDir);
    await session.start();
    await enterAnalystName(page, name);
    return session;
  }

  page(): Page {
    return this.current;
  }

  /** Starts (again) on the same data dir: the analyst's name is remembered. */
  async start(): Promise<void> {
    await this.running?.stop();
    this.running = await startHost({ dataDir: this.dataDir, open: [this.corpusDir] });
    await this.current.goto(this.running.url);
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = null;
  }

  async reload(): Promise<void> {
    await this.current.reload();
  }

  async restart(): Promise<void> {
    await this.start();
  }

  async exportAll(): Promise<string> {
    const page = this.current;
    await waitSaved(page);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export annotations' });
    await dialog.getByRole('radio', { name: 'All documents' }).check();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export file' }).click();
    const download = await downloading;
    const path = join(this.outputDir, `${this.name}-${Date.now()}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    return path;
  }
}

export interface PhraseTag {
  phrase: string;
  type: TagType;
}

const KEY: Record<TagType, string> = { claim: '1', source: '2', figure: '3', place: '4' };

/** Tags each phrase (its first occurrence) with a real mouse drag and the tag's key. */
export async function tagPhrases(page: Page, docTitle: string, tags: readonly PhraseTag[]): Promise<void> {
  await openDocument(page, docTitle);
  const text = await displayedText(page);
  for (const { phrase, type } of tags) {
    const { from, to } = findPhrase(text, phrase);
    await dragSelect(page, from, to);
    await page.keyboard.press(KEY[type]);
    await expect(annotationRow(page, type, phrase)).toBeVisible();
  }
  await waitSaved(page);
}

/** Imports a file through the "Import annotations…" button and the browser's file chooser. */
export async function importFile(page: Page, path: string): Promise<Locator> {
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import annotations…' }).click();
  await (await choosing).setFiles(path);
  const dialog = page.getByRole('dialog', { name: /^Import (result|failed)$/ });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The value shown for one count of the Import result dialog, e.g. "Annotations added". */
export async function importCount(dialog: Locator, label: string): Promise<number> {
  const row = dialog.locator('.import-count').filter({ has: dialog.page().getByText(label, { exact: true }) });
  return Number((await row.locator('dd').innerText()).replace(/[^\d]/g, ''));
}

export async function closeDialog(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

export function layers(page: Page): Locator {
  return page.getByRole('region', { name: 'Layers' });
}

export async function setView(page: Page, view: 'Mine' | 'Theirs' | 'Both' | 'Differences only'): Promise<void> {
  await layers(page).getByRole('combobox', { name: 'View' }).selectOption({ label: view });
}

export function reviewQueue(page: Page): Locator {
  return page.getByRole('region', { name: 'Review queue' });
}

export function reviewProgress(page: Page): Locator {
  return reviewQueue(page).getByRole('status', { name: 'Review progress' });
}

/** The queue's current item (its name ends with "— <author>"). */
export function currentItem(page: Page): Locator {
  return reviewQueue(page).getByLabel('Current item');
}

export async function openReview(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await expect(reviewQueue(page)).toBeVisible();
}

/** Moves focus out of any text field (onto the queue) so the review keys apply. */
export async function focusQueue(page: Page): Promise<void> {
  await reviewQueue(page).focus();
}

export function agreementPanel(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Agreement' });
}

/** Cells of a row ("Overall", "Claim", …) of the agreement table, as shown. */
export async function agreementRow(page: Page, rowName: string): Promise<string[]> {
  const row = agreementPanel(page).getByRole('table', { name: 'Agreement by tag' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: rowName }) });
  await expect(row).toHaveCount(1);
  return row.getByRole('cell').allInnerTexts();
}
