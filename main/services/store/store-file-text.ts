// Reading a store file's text: what both store formats (records, and the version-1 annotations
// store they migrate from) say about a file that is empty, cut short, not JSON or of the wrong
// shape. Pure.
import type { z } from 'zod';

export type JsonTextParse = { ok: true; data: unknown } | { ok: false; why: string };

/** Parses a whole file's JSON; `why` tells an empty or cut-short file from one that is not JSON. */
export function parseJsonText(content: string): JsonTextParse {
  if (content.trim() === '') return { ok: false, why: 'the file is empty' };
  try {
    return { ok: true, data: JSON.parse(content) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 names the position of the error; at the very end means the file was cut short.
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const truncated = /end of (JSON )?input|Unterminated/i.test(message) || position >= content.trimEnd().length - 1;
    return { ok: false, why: truncated ? `the file is truncated (${message})` : `the file is not valid JSON (${message})` };
  }
}

/** The first problem zod found, with where it is, and how many more there are. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not match the expected format';
  const where = issue.path.length ? issue.path.join('.') : 'the top level';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${where}: ${issue.message}${more}`;
}
