// Errors whose message is for the analyst, with the HTTP-style status hosts report them as.
export class InputError extends Error {
  readonly status = 400;
}

export class NotFoundError extends Error {
  readonly status = 404;
}
