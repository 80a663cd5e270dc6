// Helpers for the "daily tool" specs: corpora written for a test, files dropped onto the window
// (a real DataTransfer with File objects, dispatched as the browser does for a drop), and the
// Documents list.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** A fresh folder holding `files` (name → text). */
export async function writeCorpus(files: Record<string, string>, prefix = 'marginalia-corpus-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

export interface DroppedFile {
  name: string;
  content: string;
  type?: string;
}

/** Drags `files` over the window (the overlay shows) and returns the drop to run. */
export async function dragOver(page: Page, files: readonly DroppedFile[]): Promise<{ drop: () => Promise<void> }> {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name, { type: f.type ?? '' }));
    return dt;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  return { drop: () => page.dispatchEvent('body', 'drop', { dataTransfer: transfer }) };
}

export async function dropFiles(page: Page, files: readonly DroppedFile[]): Promise<void> {
  await (await dragOver(page, files)).drop();
}

export function documentsRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Documents' });
}

/** The titles in the Documents list, in the order shown. */
export async function listedTitles(page: Page): Promise<string[]> {
  return documentsRegion(page).locator('.document-list .document-title').allInnerTexts();
}

/** The list item of a document, by the start of its title. */
export function documentItem(page: Page, title: string): Locator {
  return documentsRegion(page).getByRole('listitem').filter({ has: page.locator('.document-title', { hasText: title }) });
}

export function statusBar(page: Page): Locator {
  return page.locator('.statusbar-message');
}

export function articleRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Article text' });
}

/** Waits until the corpus has finished loading. */
export async function corpusLoaded(page: Page): Promise<void> {
  await expect(page.getByRole('progressbar', { name: 'Loading documents' })).toHaveCount(0);
}

/**
 * A CSV file read the way a consumer reads it: Python's csv module where python3 exists (the
 * usual consumer), else a reader of RFC 4180 written here from the RFC. Rows as objects by header.
 */
export function readCsv(path: string): Record<string, string>[] {
  const python = spawnSync('python3', ['-c', 'import csv,json,sys;print(json.dumps(list(csv.DictReader(open(sys.argv[1],newline="",encoding="utf-8")))))', path], { encoding: 'utf8' });
  if (python.status === 0) return JSON.parse(python.stdout) as Record<string, string>[];
  const [header = [], ...rows] = parseRfc4180(readFileSync(path, 'utf8'));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

function parseRfc4180(content: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < content.length) {
    if (content[i] === '"') {
      for (i++; ; ) {
        const next = content.indexOf('"', i);
        if (next < 0) throw new Error('unterminated quoted field');
        field += content.slice(i, next);
        i = next + 1;
        if (content[i] !== '"') break;
        field += '"';
        i++;
      }
    }
    if (content.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (content[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (i < content.length) {
      field += content[i];
      i++;
    }
  }
  return records;
}
