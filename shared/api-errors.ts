// How both hosts word and carry API failures. Pure: types from zod only.
import type { z } from 'zod';

/**
 * What an IPC handler returns and what an HTTP API call answers. `status` follows HTTP: 400 bad
 * input, 404 unknown document, 409 stale revision (`conflicts` names the records), 413 too large.
 */
export type ApiErrorBody = { error: string; status?: number; conflicts?: string[] };
export type ApiReplyBody = { result: unknown } | ApiErrorBody;

/** Status a core error asks for: its `status` when it has one (400–599), otherwise 500. */
export function statusOfError(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

/** The reply body for a failed call: message, status, and the conflicting ids of a 409. */
export function errorReply(error: unknown): ApiErrorBody {
  const conflicts = (error as { conflicts?: unknown } | null)?.conflicts;
  return {
    error: errorMessage(error),
    status: statusOfError(error),
    ...(Array.isArray(conflicts) ? { conflicts: conflicts.filter((c): c is string => typeof c === 'string') } : {}),
  };
}

/**
 * A failed API call as the renderer sees it, whatever the transport. status 0: the host could not
 * be reached; 4xx: the host refused this call (it will not succeed if sent again); 5xx: it failed.
 */
export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly conflicts: readonly string[] = [],
  ) {
    super(message);
  }

  /** Sending the same call again cannot succeed. */
  get refused(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 403 && this.status !== 408 && this.status !== 429;
  }
}

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
