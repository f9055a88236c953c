/**
 * The one error type of microlite: a refused model, a bad argument, an arena that is too small,
 * a build that cannot be fetched. Its message says what went wrong and, where it can, what to do.
 * Anything else thrown by microlite's functions is a bug.
 */
export class MicroliteError extends Error {
  /** @param message what went wrong; @param options.cause the underlying error, if any */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MicroliteError';
  }
}
