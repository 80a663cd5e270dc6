// Loads a corpus: folders (recursively) and single files, .txt and .md only, with bounded
// concurrency and progress. Problems with one file become a "skipped" entry with a reason;
// they never stop the load.
//
// A corpus folder is untrusted input. Links are resolved and anything whose real path leaves the
// opened folder is skipped (a link to ~/.ssh/id_rsa must not become a "document"), and every file
// is read through readRegularFile: non-blocking, checked on the open handle, bounded in time, so a
// FIFO or device swapped in after discovery is skipped instead of hanging the load.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { SkippedFile } from '../../shared/api';
import { titleOf } from '../../shared/text';
import { mapWithConcurrency } from './concurrency';
import { describeFsError } from './fs-safety';
import { DEFAULT_READ_TIMEOUT_MS, type FileTypeInfo, SafeReadError, describeFileType, isWithin, readRegularFile } from './safe-read';
import { MAX_FILE_BYTES, decodeTextFile, tooLargeReason } from './text-file';

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
  /** Per-file bound on opening and reading (default 10 s); a file that takes longer is skipped. */
  readTimeoutMs?: number;
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
  /** As found: inside the opened folder (links not resolved), or as named. */
  absolutePath: string;
  displayPath: string;
  /** The link-free path to open (realpath); absolutePath when absent. */
  realPath?: string;
  /** The real path the opened file must lie within: the opened folder, or the named file itself. */
  root?: string;
}

interface Discovery {
  files: FoundFile[];
  skipped: SkippedFile[];
  foundSources: string[];
  folders: string[];
}

/** `root` is the folder's real path: nothing whose real path leaves it is read. */
async function walkFolder(folder: string, root: string, discovery: Discovery, seenFiles: Set<string>): Promise<void> {
  const display = (full: string): string => relative(folder, full).split(sep).join('/');
  const visitedDirs = new Set<string>();
  const skip = (full: string, reason: string) => discovery.skipped.push({ path: display(full), reason });

  // `dir` is the path shown to the analyst, `realDir` the link-free one we actually list.
  const walk = async (dir: string, realDir: string, depth: number): Promise<void> => {
    if (visitedDirs.has(realDir) || depth > MAX_FOLDER_DEPTH) return; // symlink loop or absurd depth
    visitedDirs.add(realDir);
    let entries: Dirent[];
    try {
      entries = await readdir(realDir, { withFileTypes: true });
    } catch (error) {
      discovery.skipped.push({ path: display(dir) || dir, reason: `folder could not be read: ${describeFsError(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (isHiddenOrVendored(entry.name)) continue;
      const full = resolve(dir, entry.name);
      let real = join(realDir, entry.name);
      let info: FileTypeInfo = entry;
      if (entry.isSymbolicLink()) {
        try {
          real = await realpath(real);
          info = await stat(real);
        } catch (error) {
          if (isTextFileName(entry.name)) skip(full, describeFsError(error));
          continue;
        }
        if (!isWithin(root, real)) {
          if (info.isDirectory()) skip(full, `link to a folder outside the opened folder (${real})`);
          else if (isTextFileName(entry.name)) skip(full, `link to a file outside the opened folder (${real})`);
          continue;
        }
      }
      if (info.isDirectory()) await walk(full, real, depth + 1);
      else if (!isTextFileName(entry.name)) continue;
      else if (!info.isFile()) skip(full, `not a regular file (${describeFileType(info)})`);
      else if (!seenFiles.has(full)) {
        seenFiles.add(full);
        discovery.files.push({ absolutePath: full, displayPath: display(full), realPath: real, root });
      }
    }
  };
  await walk(folder, root, 0);
}

/** Finds the files to load, in a stable order (request order, then names sorted). */
async function discover(paths: readonly string[]): Promise<Discovery> {
  const discovery: Discovery = { files: [], skipped: [], foundSources: [], folders: [] };
  const seenFiles = new Set<string>();
  for (const requested of paths) {
    const absolute = resolve(requested);
    let info;
    let real;
    try {
      info = await stat(absolute);
      real = await realpath(absolute);
    } catch (error) {
      discovery.skipped.push({ path: requested, reason: describeFsError(error) });
      continue;
    }
    if (info.isDirectory()) {
      discovery.foundSources.push(absolute);
      discovery.folders.push(absolute);
      await walkFolder(absolute, real, discovery, seenFiles);
    } else if (!info.isFile()) {
      discovery.skipped.push({ path: requested, reason: `not a regular file (${describeFileType(info)})` });
    } else if (!isTextFileName(absolute)) {
      discovery.skipped.push({ path: requested, reason: 'not a .txt or .md file' });
    } else {
      discovery.foundSources.push(absolute);
      if (!seenFiles.has(absolute)) {
        seenFiles.add(absolute);
        // Named by the analyst: the file is its own root, wherever a link here points.
        discovery.files.push({ absolutePath: absolute, displayPath: absolute, realPath: real, root: real });
      }
    }
  }
  return discovery;
}

type FileOutcome = { kind: 'document'; document: LoadedDocument } | { kind: 'skipped'; skipped: SkippedFile };

/** The skipped-list reason for a file readRegularFile refused (the path is shown beside it). */
function refusalReason(error: SafeReadError, timeoutMs: number): string {
  switch (error.kind) {
    case 'too-large':
      return tooLargeReason(error.details.size ?? 0);
    case 'not-regular':
    case 'kernel-file':
      return `not a regular file (${error.details.fileType ?? 'unknown type'})`;
    case 'symlink':
      return 'became a symbolic link while loading; refused';
    case 'outside':
      return `moved outside the opened folder while loading (${error.details.realPath ?? 'unknown place'}); refused`;
    case 'timeout':
      return `could not be read within ${timeoutMs / 1000} s (the disk or network share stopped answering)`;
  }
}

/** Reads and decodes one file. Never throws. */
export async function loadTextFile(file: FoundFile, options: { timeoutMs?: number } = {}): Promise<FileOutcome> {
  const skip = (reason: string): FileOutcome => ({ kind: 'skipped', skipped: { path: file.displayPath, reason } });
  const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  let bytes: Uint8Array;
  try {
    // The real path was checked at discovery; O_NOFOLLOW and `within` catch a swap since then.
    bytes = await readRegularFile(file.realPath ?? file.absolutePath, { maxBytes: MAX_FILE_BYTES, timeoutMs, noFollow: true, within: file.root });
  } catch (error) {
    if (error instanceof SafeReadError) return skip(refusalReason(error, timeoutMs));
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
    const outcome = await loadTextFile(file, { timeoutMs: options.readTimeoutMs });
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
