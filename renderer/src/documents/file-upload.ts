// Turning dropped or picked files into uploads: walk dropped folders, keep .txt and .md (and a
// dropped .json export, which is imported), read bytes as base64, and split into calls small
// enough for the host.
import type { UploadedFile } from '../../../shared/api';

const ARTICLE_EXTENSIONS = /\.(txt|md)$/i;
const MAX_FILES_PER_CALL = 500;
const MAX_BYTES_PER_CALL = 8 * 1024 * 1024;

export function isArticleFile(name: string): boolean {
  return ARTICLE_EXTENSIONS.test(name);
}

/** A Marginalia export (.json): dropped onto the window, it is imported. */
export function isExportFile(name: string): boolean {
  return /\.json$/i.test(name);
}

/** What the drop overlay and messages name as droppable. */
export const DROPPABLE = '.txt and .md articles (files or folders) to open them, or a Marginalia .json export to import it';

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function collectEntry(entry: FileSystemEntry, out: File[], topLevel: boolean): Promise<void> {
  if (entry.isFile) {
    // An export is taken only when dropped itself, not from inside a dropped folder.
    if (isArticleFile(entry.name) || (topLevel && isExportFile(entry.name))) out.push(await entryFile(entry as FileSystemFileEntry));
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns batches; an empty batch means the folder is exhausted.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch) await collectEntry(child, out, false);
  }
}

/** Article files in a drop, walking into dropped folders, and dropped exports. */
export async function filesFromDrop(dataTransfer: DataTransfer): Promise<File[]> {
  // Entries must be taken synchronously, before the drop event's data store is closed.
  const entries = [...dataTransfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return [...dataTransfer.files].filter((f) => isArticleFile(f.name) || isExportFile(f.name));
  const files: File[] = [];
  for (const entry of entries) await collectEntry(entry, files, true);
  return files;
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** Reads files into upload batches that each fit one addFiles call. */
export async function* uploadBatches(files: readonly File[]): AsyncGenerator<UploadedFile[]> {
  let batch: UploadedFile[] = [];
  let bytes = 0;
  for (const file of files) {
    if (batch.length > 0 && (batch.length >= MAX_FILES_PER_CALL || bytes + file.size > MAX_BYTES_PER_CALL)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push({ name: file.name, base64: await base64Of(file) });
    bytes += file.size;
  }
  if (batch.length > 0) yield batch;
}
