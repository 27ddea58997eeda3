/**
 * The one error base of lib/editions, in viem's style: a short message for people, the cause chain kept, and
 * `walk()` to find an error of a given kind anywhere in that chain (a contract revert inside a viem error, say).
 */
export type EditionsErrorType = EditionsError & { name: 'EditionsError' };

export class EditionsError extends Error {
  override name: string = 'EditionsError';
  readonly shortMessage: string;

  constructor(shortMessage: string, options: { cause?: unknown; details?: string } = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
  }

  /** The first error in the cause chain (this one included) that `fn` accepts; without `fn`, the deepest one. */
  walk(fn?: (e: unknown) => boolean): unknown {
    const seen = new Set<unknown>();
    let e: unknown = this;
    while (e !== undefined && e !== null && !seen.has(e)) {
      if (fn?.(e)) return e;
      seen.add(e);
      const cause: unknown = typeof e === 'object' && 'cause' in e ? e.cause : undefined;
      if (cause === undefined || cause === null) return fn ? null : e;
      e = cause;
    }
    return fn ? null : e;
  }
}
