// Reading a `marginalia/annotations` file someone sends us (version 1, 1.1 or 2): limits first
// (size, nesting), then JSON, then format/version, then the strict schema of that version and the
// checks a schema cannot express (offsets, quotes, ids, who reviewed what). Every problem is a
// sentence starting with the path of what is wrong, e.g. `documents[2].annotations[5].end: ...`.
// Pure: the hosts and the core pass the file's text.
import type { z } from 'zod';
import {
  EXPORT_FORMAT,
  type ExportFileV1,
  RECORD_ARRAYS,
  READABLE_EXPORT_VERSIONS,
  type ReadableExportFile,
  type RecordArray,
  findExportInconsistencies,
  schemaForVersion,
} from './export-format';
import { reviewProblems } from './review';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_DEPTH = 64;
/** Problems listed in one message; the rest are counted. */
const MAX_LISTED = 8;

export type ImportParse = { ok: true; file: ReadableExportFile } | { ok: false; problems: string[] };

/** UTF-8 size of a string without encoding it. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Position of the first bracket nested deeper than `limit`, or -1. Strings are skipped. */
export function excessiveNesting(json: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/** `documents[2].annotations[5].end` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || 'the top level';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? formatPath(issue.path) : 'the top level';
    return `${where}: unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  }
  return `${formatPath(issue.path)}: ${issue.message}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function parseJson(content: string): { ok: true; data: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, data: JSON.parse(content) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 names the position of the error; at the very end means the file was cut short.
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const truncated = /end of (JSON )?input|Unterminated/i.test(message) || position >= content.trimEnd().length;
    return { ok: false, problem: truncated ? `the file is truncated: it ends before the JSON is complete (${message})` : `the file is not valid JSON (${message})` };
  }
}

/** "1, 1.1 and 2" */
const READABLE_VERSIONS_TEXT = `${READABLE_EXPORT_VERSIONS.slice(0, -1).join(', ')} and ${READABLE_EXPORT_VERSIONS[READABLE_EXPORT_VERSIONS.length - 1]}`;

/** Format and version first, so a file of another kind gets one plain sentence, not 50 schema errors. */
function formatProblem(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return `the top level is ${kindOf(data)}, not an object: this is not a Marginalia annotations export`;
  }
  const { format, version } = data as { format?: unknown; version?: unknown };
  if (format === undefined) return `format: missing; this is not a Marginalia annotations export (expected "format": "${EXPORT_FORMAT}")`;
  if (format !== EXPORT_FORMAT) return `format: ${JSON.stringify(format)?.slice(0, 80)} is not a Marginalia annotations export (expected "${EXPORT_FORMAT}")`;
  if (!(READABLE_EXPORT_VERSIONS as readonly unknown[]).includes(version)) {
    return `version: ${version === undefined ? 'missing' : `${JSON.stringify(version)?.slice(0, 40)} is not supported`}; this Marginalia reads versions ${READABLE_VERSIONS_TEXT}`;
  }
  return null;
}

/**
 * Ids must be unique: documents in the file, and records in a document (whatever their kind: a
 * document's records share one store).
 */
function duplicateProblems(file: ReadableExportFile): string[] {
  const problems: string[] = [];
  const docIndex = new Map<string, number>();
  file.documents.forEach((doc, d) => {
    const first = docIndex.get(doc.id);
    if (first !== undefined) problems.push(`documents[${d}].id: the same document as documents[${first}]`);
    else docIndex.set(doc.id, d);
    const seen = new Map<string, string>();
    const arrays: [string, readonly { id: string }[]][] = [['annotations', doc.annotations]];
    if (file.version === 2) for (const array of Object.keys(RECORD_ARRAYS) as RecordArray[]) arrays.push([array, (doc as Record<RecordArray, { id: string }[] | undefined>)[array] ?? []]);
    for (const [array, records] of arrays) {
      records.forEach((r, i) => {
        const earlier = seen.get(r.id);
        const where = `${array}[${i}]`;
        if (earlier !== undefined) problems.push(`documents[${d}].${where}.id: duplicate id ${JSON.stringify(r.id)} (also ${earlier})`);
        else seen.set(r.id, where);
      });
    }
  });
  return problems;
}

/** Version 1.1: the review and origin fields of each annotation. */
function reviewFieldProblems(file: ExportFileV1): string[] {
  const problems: string[] = [];
  file.documents.forEach((doc, d) => {
    doc.annotations.forEach((a, i) => {
      for (const problem of reviewProblems(a)) {
        const field = /\(field ([\w.]+)\)$/.exec(problem)?.[1];
        problems.push(`documents[${d}].annotations[${i}]${field ? `.${field}` : ''}: ${problem.replace(/ \(field [\w.]+\)$/, '')}`);
      }
    });
  });
  return problems;
}

/** Validates an export file's text completely; never throws. */
export function parseExportFile(content: string): ImportParse {
  const fail = (...problems: string[]): ImportParse => ({ ok: false, problems });
  // Cheap bounds first: every UTF-16 unit is 1-3 bytes.
  const bytes = content.length > MAX_IMPORT_BYTES ? content.length : content.length * 3 <= MAX_IMPORT_BYTES ? 0 : utf8ByteLength(content);
  if (bytes > MAX_IMPORT_BYTES) return fail(`the file is too large: ${megabytes(bytes)}, and imports are limited to ${megabytes(MAX_IMPORT_BYTES)}`);
  const json = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (json.trim() === '') return fail('the file is empty');
  const deep = excessiveNesting(json, MAX_IMPORT_DEPTH);
  if (deep !== -1) return fail(`the JSON is nested more than ${MAX_IMPORT_DEPTH} levels deep (at character ${deep}); a Marginalia export needs at most 8`);
  const parsed = parseJson(json);
  if (!parsed.ok) return fail(parsed.problem);
  const wrongFormat = formatProblem(parsed.data);
  if (wrongFormat) return fail(wrongFormat);
  // Strict schemas: unknown keys, including "__proto__" and "constructor", are errors.
  const schema = schemaForVersion((parsed.data as { version?: unknown }).version);
  if (!schema) return fail('version: not supported'); // formatProblem has ruled this out
  const checked = schema.safeParse(parsed.data);
  if (!checked.success) return fail(...checked.error.issues.map(describeIssue));
  const file: ReadableExportFile = checked.data;
  const problems = [...duplicateProblems(file), ...findExportInconsistencies(file), ...(file.version === 2 ? [] : reviewFieldProblems(file))];
  return problems.length ? fail(...problems) : { ok: true, file };
}

/** One message for the analyst: what was wrong, the first few problems, and that nothing changed. */
export function describeImportProblems(problems: readonly string[], sourceName?: string): string {
  const listed = problems.slice(0, MAX_LISTED).join('; ');
  const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : '';
  const what = sourceName ? `“${sourceName}”` : 'The file';
  return `${what} was not imported, and nothing was changed: ${listed}${more}.`;
}
