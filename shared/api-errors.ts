// How both hosts word and carry API failures. Pure: types from zod only.
import type { z } from 'zod';

/** What an IPC handler returns (the preload unwraps it) and what an HTTP API call answers. */
export type ApiReplyBody = { result: unknown } | { error: string };

function argumentCount(n: number): string {
  return n === 1 ? '1 argument' : `${n} arguments`;
}

/**
 * "Invalid argument args[1][0].annotation.end: end must be greater than start", first few
 * issues. `received` (the argument list) lets a wrong count name the missing or extra argument.
 */
export function describeArgIssues(issues: readonly z.core.$ZodIssue[], received?: readonly unknown[]): string {
  const parts = issues.slice(0, 3).map((issue) => {
    if (issue.path.length === 0 && received && (issue.code === 'too_small' || issue.code === 'too_big')) {
      const expected = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const index = issue.code === 'too_small' ? received.length : expected;
      const what = issue.code === 'too_small' ? 'is missing' : 'is not expected';
      return `args[${index}] ${what} (the method takes ${argumentCount(expected)}, got ${received.length})`;
    }
    const [first, ...rest] = issue.path;
    let where = first === undefined ? 'args' : `args[${String(first)}]`;
    for (const key of rest) where += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
    return `${where}: ${issue.message}`;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `Invalid argument ${parts.join('; ')}${more}`;
}

/** The message of an error thrown by the core, meant for the analyst. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong in the Marginalia host';
}
