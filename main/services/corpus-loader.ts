// Loads a corpus: folders (recursively) and single files, .txt and .md only, with bounded
// concurrency and progress. Problems with one file become a "skipped" entry with a reason;
// they never stop the load.
import type { Dirent } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, relative, resolve, sep } from 'node:path';
import type { SkippedFile } from '../../shared/api';
import { titleOf } from '../../shared/text';
import { mapWithConcurrency } from './concurrency';
import { describeFsError } from './fs-safety';
import { MAX_FILE_BYTES, decodeTextFile } from './text-file';

export interface LoadedDocument {
  id: string;
  title: string;
  fileName: string;
  /** For display: relative to the opened folder, or the full path of a file opened by itself. */
  path: string;
  absolutePath: string;
  text: string;
  warnings: string[];
}

export interface CorpusLoadResult {
  documents: LoadedDocument[];
  skipped: SkippedFile[];
  /** The requested paths that exist (absolute), in request order. */
  foundSources: string[];
  /** Those of them that are folders. */
  folders: string[];
}

export type LoadProgress = (done: number, total: number) => void;

export interface LoadCorpusOptions {
  /** Files read at once; enough to hide latency, few enough to stay far from EMFILE. */
  concurrency?: number;
  /** Documents already open (by id), so that adding more files does not duplicate them. */
  alreadyOpen?: ReadonlyMap<string, Pick<LoadedDocument, 'path' | 'absolutePath'>>;
}

const TEXT_EXTENSIONS = new Set(['.txt', '.md']);
const MAX_FOLDER_DEPTH = 64;

export function isTextFileName(name: string): boolean {
  return TEXT_EXTENSIONS.has(extname(name).toLowerCase());
}

function isHiddenOrVendored(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export interface FoundFile {
  absolutePath: string;
  displayPath: string;
}

interface Discovery {
  files: FoundFile[];
  skipped: SkippedFile[];
  foundSources: string[];
  folders: string[];
}

async function entryKind(dirent: Dirent, fullPath: string): Promise<'dir' | 'file' | 'other'> {
  if (dirent.isDirectory()) return 'dir';
  if (dirent.isFile()) return 'file';
  if (!dirent.isSymbolicLink()) return 'other';
  const target = await stat(fullPath); // follow the link
  return target.isDirectory() ? 'dir' : target.isFile() ? 'file' : 'other';
}

async function walkFolder(root: string, discovery: Discovery, seenFiles: Set<string>): Promise<void> {
  const visitedDirs = new Set<string>();
  const display = (full: string): string => relative(root, full).split(sep).join('/');

  const walk = async (dir: string, depth: number): Promise<void> => {
    const real = await realpath(dir).catch(() => dir);
    if (visitedDirs.has(real) || depth > MAX_FOLDER_DEPTH) return; // symlink loop or absurd depth
    visitedDirs.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      discovery.skipped.push({ path: display(dir) || dir, reason: `folder could not be read: ${describeFsError(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (isHiddenOrVendored(entry.name)) continue;
      const full = resolve(dir, entry.name);
      let kind: 'dir' | 'file' | 'other';
      try {
        kind = await entryKind(entry, full);
      } catch (error) {
        if (isTextFileName(entry.name)) discovery.skipped.push({ path: display(full), reason: describeFsError(error) });
        continue;
      }
      if (kind === 'dir') await walk(full, depth + 1);
      else if (kind === 'file' && isTextFileName(entry.name) && !seenFiles.has(full)) {
        seenFiles.add(full);
        discovery.files.push({ absolutePath: full, displayPath: display(full) });
      }
    }
  };
  await walk(root, 0);
}

/** Finds the files to load, in a stable order (request order, then names sorted). */
async function discover(paths: readonly string[]): Promise<Discovery> {
  const discovery: Discovery = { files: [], skipped: [], foundSources: [], folders: [] };
  const seenFiles = new Set<string>();
  for (const requested of paths) {
    const absolute = resolve(requested);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      discovery.skipped.push({ path: requested, reason: describeFsError(error) });
      continue;
    }
    if (info.isDirectory()) {
      discovery.foundSources.push(absolute);
      discovery.folders.push(absolute);
      await walkFolder(absolute, discovery, seenFiles);
    } else if (!info.isFile()) {
      discovery.skipped.push({ path: requested, reason: 'not a regular file' });
    } else if (!isTextFileName(absolute)) {
      discovery.skipped.push({ path: requested, reason: 'not a .txt or .md file' });
    } else {
      discovery.foundSources.push(absolute);
      if (!seenFiles.has(absolute)) {
        seenFiles.add(absolute);
        discovery.files.push({ absolutePath: absolute, displayPath: absolute });
      }
    }
  }
  return discovery;
}

type FileOutcome = { kind: 'document'; document: LoadedDocument } | { kind: 'skipped'; skipped: SkippedFile };

/** Reads and decodes one file. Never throws. */
export async function loadTextFile(file: FoundFile): Promise<FileOutcome> {
  const skip = (reason: string): FileOutcome => ({ kind: 'skipped', skipped: { path: file.displayPath, reason } });
  let bytes: Uint8Array;
  try {
    const handle = await open(file.absolutePath, 'r');
    try {
      const { size } = await handle.stat();
      // Checked before reading so a huge file costs nothing.
      if (size > MAX_FILE_BYTES) return skip(`larger than 50 MB (${(size / 1024 / 1024).toFixed(1)} MB)`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return skip(`could not be read: ${describeFsError(error)}`);
  }
  const decoded = decodeTextFile(bytes);
  if (decoded.kind === 'skipped') return skip(decoded.reason);
  const fileName = basename(file.absolutePath);
  return {
    kind: 'document',
    document: {
      id: decoded.id,
      title: titleOf(decoded.text, fileName),
      fileName,
      path: file.displayPath,
      absolutePath: file.absolutePath,
      text: decoded.text,
      warnings: decoded.warnings,
    },
  };
}

/**
 * Loads every .txt/.md file under `paths` (folders recursively, skipping dot-files and
 * node_modules) plus the files named directly. Identical texts are loaded once: the first
 * in order wins and the others are listed as skipped.
 */
export async function loadCorpus(paths: readonly string[], onProgress?: LoadProgress, options: LoadCorpusOptions = {}): Promise<CorpusLoadResult> {
  const discovery = await discover(paths);
  const total = discovery.files.length;
  let done = 0;
  const report = (): void => {
    try {
      onProgress?.(done, total);
    } catch {
      // a failing progress display must not stop the load
    }
  };
  report();
  const outcomes = await mapWithConcurrency(discovery.files, options.concurrency ?? 16, async (file) => {
    const outcome = await loadTextFile(file);
    done++;
    report();
    return outcome;
  });

  const documents: LoadedDocument[] = [];
  const skipped = [...discovery.skipped];
  const byId = new Map(options.alreadyOpen ?? []);
  for (const outcome of outcomes) {
    if (outcome.kind === 'skipped') {
      skipped.push(outcome.skipped);
      continue;
    }
    const doc = outcome.document;
    const first = byId.get(doc.id);
    if (!first) {
      byId.set(doc.id, doc);
      documents.push(doc);
    } else if (first.absolutePath !== doc.absolutePath) {
      skipped.push({ path: doc.path, reason: `same text as ${first.path}` });
    } // else: this very file is already open; nothing to report
  }
  return { documents, skipped, foundSources: discovery.foundSources, folders: discovery.folders };
}
