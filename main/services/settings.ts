// Settings on top of a SettingsBackend (electron-store in Electron, conf in the browser host;
// both write dataDir/config.json). An unparsable file is moved aside, never cleared; invalid
// fields fall back to defaults with a notice; keys we do not know (windowBounds…) are kept.
import { constants as fsConstants, copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Conf from 'conf';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch, SettingsPatchSchema, SettingsSchema } from '../../shared/api';
import { describeFsError, fileSafeTimestamp } from './fs-safety';
import { type Clock, NoticeBoard } from './notices';
import type { SettingsBackend } from './service-types';
import { InputError } from './errors';
import { withVerifiedWrites } from './storage/verified-conf';

export const MAX_RECENT_FOLDERS = 10;

export interface SettingsService {
  /** The config.json in use. */
  readonly path: string;
  /** Where problems found while opening were reported; the core shows the same board. */
  readonly notices: NoticeBoard;
  /** Current settings (validated, defaults filled in). */
  get(): Settings;
  /** Applies an analyst's change; throws a readable Error if the patch is invalid or cannot be saved. */
  update(patch: SettingsPatch): Settings;
  /** After a corpus load: what is open now, and folders to put first in the recent list. */
  recordOpened(openSources: readonly string[], folders: readonly string[]): Settings;
}

export interface OpenSettingsOptions {
  /** Where the backend keeps its file; needed to move an unparsable file aside before opening. */
  configPath?: string;
  clock?: Clock;
}

/** The one-object form: settings in `<dataDir>/config.json`, conf by default. */
export interface OpenSettingsInDirOptions {
  dataDir: string;
  /** electron-store or conf writing `<dataDir>/config.json`. Default: conf. */
  createBackend?: () => SettingsBackend;
  /** Default: a new board, available as `settings.notices`. */
  notices?: NoticeBoard;
  clock?: Clock;
}

/** A conf backend writing `<dataDir>/config.json`, the same file electron-store would write. */
const VerifiedConf = withVerifiedWrites(Conf<Record<string, unknown>>);

export function confSettingsBackend(dataDir: string): () => SettingsBackend {
  return () => new VerifiedConf({ cwd: dataDir, configName: 'config', projectName: 'marginalia', clearInvalidConfig: false, configFileMode: 0o600 });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why the file cannot be used as a settings object, or null if it can (or does not exist). */
function unusableConfigReason(path: string): string | null {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch {
    return null; // missing (first run) or unreadable: let the backend report it
  }
  try {
    const data: unknown = JSON.parse(content);
    return isPlainObject(data) ? null : 'it does not hold a JSON object';
  } catch (error) {
    return content.trim() === '' ? 'it is empty' : `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** `<path>.corrupt-<time>`, with -2, -3… if taken. */
function freeCorruptName(path: string, clock: Clock): string {
  const base = `${path}.corrupt-${fileSafeTimestamp(clock())}`;
  let target = base;
  for (let n = 2; existsSync(target); n++) target = `${base}-${n}`;
  return target;
}

/**
 * Before repairing invalid fields in place, keeps the original bytes beside the file (a copy:
 * the repaired file keeps every valid key). Returns where, or why it could not.
 */
function keepOriginalCopy(path: string, clock: Clock): { copy: string } | { failed: string } {
  const target = freeCorruptName(path, clock);
  try {
    copyFileSync(path, target, fsConstants.COPYFILE_EXCL);
    return { copy: target };
  } catch (error) {
    return { failed: describeFsError(error) };
  }
}

function moveConfigAside(path: string, why: string, notices: NoticeBoard, clock: Clock): void {
  const target = freeCorruptName(path, clock);
  try {
    renameSync(path, target);
  } catch (error) {
    throw new Error(`The settings file ${path} is unreadable (${why}) and could not be moved aside: ${describeFsError(error)}`);
  }
  notices.raise('warning', `The settings file ${path} could not be read (${why}). It was moved to ${target} and default settings are used.`);
}

/** Field-by-field validation; returns the repaired settings and what had to change. */
function repairSettings(stored: Record<string, unknown>): { settings: Settings; problems: string[] } {
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  const problems: string[] = [];
  const shape = SettingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof Settings)[]) {
    const value = stored[key];
    if (value === undefined) continue;
    const parsed = shape[key].safeParse(value);
    if (parsed.success) {
      (settings as Record<string, unknown>)[key] = parsed.data;
      continue;
    }
    if (Array.isArray(value) && Array.isArray(settings[key])) {
      // Keep what is usable in a list rather than losing all of it.
      const max = key === 'recentFolders' ? MAX_RECENT_FOLDERS : 1000;
      (settings as Record<string, unknown>)[key] = value.filter((v): v is string => typeof v === 'string' && v !== '').slice(0, max);
    }
    problems.push(`${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { settings, problems };
}

/**
 * Opens settings through `createBackend` (called again after moving an unparsable file
 * aside). Problems become notices; only a file that cannot even be moved aside throws.
 */
export function openSettings(options: OpenSettingsInDirOptions): SettingsService;
export function openSettings(createBackend: () => SettingsBackend, notices: NoticeBoard, options?: OpenSettingsOptions): SettingsService;
export function openSettings(
  first: OpenSettingsInDirOptions | (() => SettingsBackend),
  noticeBoard?: NoticeBoard,
  openOptions: OpenSettingsOptions = {},
): SettingsService {
  if (typeof first !== 'function') {
    const notices = first.notices ?? new NoticeBoard(first.clock);
    const createBackend = first.createBackend ?? confSettingsBackend(first.dataDir);
    return openSettings(createBackend, notices, { configPath: join(first.dataDir, 'config.json'), clock: first.clock });
  }
  const createBackend = first;
  const notices = noticeBoard ?? new NoticeBoard(openOptions.clock);
  const options = openOptions;
  const clock = options.clock ?? (() => new Date());
  if (options.configPath) {
    const why = unusableConfigReason(options.configPath);
    if (why) moveConfigAside(options.configPath, why, notices, clock);
  }
  let backend: SettingsBackend;
  try {
    backend = createBackend();
  } catch (error) {
    if (!(error instanceof SyntaxError) || !options.configPath) {
      throw new Error(`Could not open the settings${options.configPath ? ` in ${options.configPath}` : ''}: ${describeFsError(error)}`);
    }
    moveConfigAside(options.configPath, `it is not valid JSON (${error.message})`, notices, clock);
    backend = createBackend();
  }
  const path = backend.path;

  /** The whole stored object, so keys owned by others survive our writes. */
  const readStore = (): Record<string, unknown> => {
    try {
      return { ...backend.store };
    } catch (error) {
      // Damaged while we were running: keep the bytes, then start from our own values.
      moveConfigAside(path, describeFsError(error), notices, clock);
      return {};
    }
  };

  const { settings: initial, problems } = repairSettings(readStore());
  let current = initial;
  const write = (): void => {
    backend.store = { ...readStore(), ...current };
  };
  if (problems.length > 0) {
    // The repair rewrites the file, so the original bytes are kept first: never wipe a file.
    const kept = keepOriginalCopy(path, clock);
    const original = 'copy' in kept ? ` The original file was kept as ${kept.copy}.` : ` (A copy of the original could not be kept: ${kept.failed}.)`;
    notices.raise('warning', `Some settings in ${path} were invalid and were reset to their defaults: ${problems.join('; ')}.${original}`);
    try {
      write();
    } catch (error) {
      notices.raise('warning', `Could not save the repaired settings to ${path}: ${describeFsError(error)}`);
    }
  }

  // The analyst's stable id is made once, the first time these settings are opened.
  if (current.analystId === null) {
    current = { ...current, analystId: randomUUID() };
    try {
      write();
    } catch (error) {
      notices.raise('warning', `Could not save the analyst id to ${path}: ${describeFsError(error)}. It will be made again at the next start.`);
    }
  }
  return {
    path,
    notices,
    get: () => structuredClone(current),
    update(patch) {
      const parsed = SettingsPatchSchema.safeParse(patch);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputError(`Invalid settings change${issue ? ` (${issue.path.join('.') || 'patch'}: ${issue.message})` : ''}.`);
      }
      const next = { ...current, ...parsed.data };
      const previous = current;
      current = next;
      try {
        write();
      } catch (error) {
        current = previous;
        throw new Error(`Could not save settings to ${path}: ${describeFsError(error)}`);
      }
      return structuredClone(current);
    },
    recordOpened(openSources, folders) {
      const recent = [...new Set([...folders, ...current.recentFolders])].slice(0, MAX_RECENT_FOLDERS);
      current = { ...current, openSources: [...new Set(openSources)].slice(0, 1000), recentFolders: recent };
      try {
        write();
      } catch (error) {
        notices.raise('warning', `Could not remember the open folders in ${path}: ${describeFsError(error)}`);
      }
      return structuredClone(current);
    },
  };
}
