/**
 * The one error base of Motif, modelled on viem's `BaseError`: a `shortMessage` for people, optional `details`
 * (the technical reason, e.g. the cause's message), the `cause` chain, and `walk()` to find an error of a given
 * class anywhere in that chain (Motif's, viem's, wagmi's or a plain `Error`).
 *
 * Unlike viem's, `message` is the short message (plus `Details:` when details were given explicitly): no docs URL
 * or library version is appended, so existing messages stay what they were when a class moves onto this base.
 */

/** viem's convention: an error type narrowed by its `name`, for exported `XxxErrorType` unions. */
export type ErrorType<name extends string = 'Error'> = Error & { name: name };

export type BaseErrorParameters = {
  cause?: unknown;
  /** Technical detail; appended to `message`. Defaults (for reading only) to the cause's short message. */
  details?: string | undefined;
  /** Extra lines shown under the short message (e.g. the arguments of a call). */
  metaMessages?: readonly string[] | undefined;
};

export type BaseErrorType = BaseError & { name: 'MotifError' };

/** Follows `cause` from `error` (included); returns the first error `fn` accepts, or the last one without `fn`. */
export function walk(error: unknown, fn?: (e: unknown) => boolean): unknown {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e !== undefined && e !== null && !seen.has(e)) {
    if (fn?.(e)) return e;
    seen.add(e);
    const cause: unknown = typeof e === 'object' && 'cause' in e ? e.cause : undefined;
    if (cause === undefined || cause === null) return fn ? null : e;
    e = cause;
  }
  return fn ? null : e;
}

/** The first error of class `C` in the cause chain of `error`, typed, or null. */
export function findError<C extends abstract new (...args: never[]) => unknown>(
  error: unknown,
  ctor: C,
): InstanceType<C> | null {
  const found = walk(error, (e) => e instanceof ctor);
  return found instanceof ctor ? (found as InstanceType<C>) : null;
}

function shortOf(e: unknown): string | undefined {
  if (e instanceof Error) {
    const short = 'shortMessage' in e && typeof e.shortMessage === 'string' ? e.shortMessage : undefined;
    return short || e.message;
  }
  return e === undefined ? undefined : String(e);
}

export class BaseError extends Error {
  override name = 'MotifError';
  readonly shortMessage: string;
  readonly details: string;
  readonly metaMessages: readonly string[] | undefined;

  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    const meta = parameters.metaMessages?.length ? `\n\n${parameters.metaMessages.join('\n')}` : '';
    const details = parameters.details ? `\n\nDetails: ${parameters.details}` : '';
    super(`${shortMessage}${meta}${details}`, parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = parameters.details ?? shortOf(parameters.cause) ?? '';
    this.metaMessages = parameters.metaMessages;
  }

  /** This error, then its causes: the first one `fn` accepts (null if none), or the deepest cause without `fn`. */
  walk(fn?: (e: unknown) => boolean): unknown {
    return walk(this, fn);
  }
}
