/**
 * Retrying a storage backend: the kept `p-retry` library does the loop, the exponential back-off and the abortable
 * waits; this module keeps only what is Motif's own: which errors are worth another attempt (`isTransientError`),
 * an error that says it is not (`PermanentError`), and `RetriesExhaustedError` naming every attempt's failure.
 */
import pRetry from 'p-retry';
import { BaseError } from '../errors/base';

/** Options for `withRetry`. */
export type RetryOptions = {
  /** Attempts in all, the first included (default 4). */
  attempts?: number;
  /** Delay before the second attempt; doubles each time (default 200 ms). */
  baseDelayMs?: number;
  /** Upper bound of one delay (default 5 s). */
  maxDelayMs?: number;
  /** Spread each delay by a random factor of 1 to 2 (default true); false gives exact delays. */
  randomize?: boolean;
  /** Whether an error is worth another attempt (default: `isTransientError`). */
  retryable?: (error: unknown) => boolean;
  /** Called after each failed attempt that will be retried. */
  onRetry?: (info: { attempt: number; error: unknown }) => void;
  signal?: AbortSignal;
};

/** Every attempt failed; `cause` is the last error, `errors` all of them. */
export class RetriesExhaustedError extends BaseError {
  override name = 'RetriesExhaustedError';
  constructor(
    readonly attempts: number,
    readonly errors: unknown[],
  ) {
    const last = errors[errors.length - 1];
    super(
      `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${last instanceof Error ? last.message : String(last)}`,
      { cause: last },
    );
  }
}

/** An error that says what it is not worth retrying: a bad request, a refused token, a wrong CID... */
export class PermanentError extends BaseError {
  override name = 'PermanentError';
}

/**
 * Whether an error looks transient: network failures (ECONNREFUSED, ECONNRESET, fetch failed, timeouts) and HTTP
 * 408/425/429/5xx. Aborts and PermanentErrors are never retried.
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error instanceof PermanentError) return false;
  const status = httpStatusOf(error);
  if (status !== undefined) return status === 408 || status === 425 || status === 429 || status >= 500;
  const code = 'code' in error ? error.code : undefined;
  if (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)
  )
    return true;
  if (error.cause !== undefined && error.cause !== error)
    return isTransientError(error.cause) || /fetch failed|socket|network|timeout/i.test(error.message);
  return /fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|network|timed? ?out/i.test(error.message);
}

/** The HTTP status carried by an error of kubo-rpc-client (`response.status`) or the pinning client (`response.status`). */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const response =
    'response' in error && typeof error.response === 'object' && error.response !== null ? error.response : undefined;
  const status = response && 'status' in response ? response.status : 'status' in error ? error.status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Runs `fn` until it succeeds, retrying transient failures with exponential back-off. Non-retryable errors are
 * thrown at once, unchanged; when attempts run out, RetriesExhaustedError (with the last error as `cause`).
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const retryable = options.retryable ?? isTransientError;
  const errors: unknown[] = [];
  // p-retry hands non-Error throws on as a TypeError; the original is kept here so callers see what was thrown.
  let thrown: unknown;
  try {
    return await pRetry(
      async (attempt) => {
        try {
          return await fn(attempt);
        } catch (error) {
          thrown = error;
          throw error;
        }
      },
      {
        retries: attempts - 1,
        factor: 2,
        minTimeout: options.baseDelayMs ?? 200,
        maxTimeout: options.maxDelayMs ?? 5000,
        randomize: options.randomize ?? true,
        signal: options.signal,
        onFailedAttempt: () => void errors.push(thrown),
        shouldRetry: ({ attemptNumber }) => {
          if (!retryable(thrown)) return false;
          options.onRetry?.({ attempt: attemptNumber, error: thrown });
          return true;
        },
      },
    );
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const last = errors[errors.length - 1];
    if (errors.length >= attempts && retryable(last)) throw new RetriesExhaustedError(errors.length, errors);
    throw errors.length > 0 ? last : error;
  }
}
