// Errors whose message is for the analyst, with the HTTP-style status hosts report them as.
export class InputError extends Error {
  readonly status = 400;
}

export class NotFoundError extends Error {
  readonly status = 404;
}

/** A save built on an older revision than the stored one (another window or host changed it). */
export class ConflictError extends Error {
  readonly status = 409;
  constructor(
    message: string,
    /** Ids of the records whose stored revision differs from the change's base. */
    readonly conflicts: string[],
  ) {
    super(message);
  }
}

/** A change to a record of someone else: only its creator may change it. */
export class ForbiddenChangeError extends Error {
  readonly status = 422;
}
