/** Options for `withRetry`. */
export type RetryOptions = {
  /** Attempts in all, the first included (default 4). */
  attempts?: number;
  /** Delay before the second attempt; doubles each time (default 200 ms). */
  baseDelayMs?: number;
  /** Upper bound of one delay (default 5 s). */
  maxDelayMs?: number;
  /** Random spread of each delay, 0..1 (default 0.2). Pass 0 for exact delays in tests. */
  jitter?: number;
  /** Whether an error is worth another attempt (default: `isTransientError`). */
  retryable?: (error: unknown) => boolean;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  signal?: AbortSignal;
  /** Injected for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** Every attempt failed; `cause` is the last error, `errors` all of them. */
export class RetriesExhaustedError extends Error {
  override name = 'RetriesExhaustedError';
  constructor(
    readonly attempts: number,
    readonly errors: unknown[],
  ) {
    const last = errors[errors.length - 1];
    super(`gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${last instanceof Error ? last.message : String(last)}`, { cause: last });
  }
}

/** An error that says what it is not worth retrying: a bad request, a refused token, a wrong CID... */
export class PermanentError extends Error {
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
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)) return true;
  if (error.cause !== undefined && error.cause !== error) return isTransientError(error.cause) || /fetch failed|socket|network|timeout/i.test(error.message);
  return /fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|network|timed? ?out/i.test(error.message);
}

/** The HTTP status carried by an error of kubo-rpc-client (`response.status`) or the pinning client (`response.status`). */
export function httpStatusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { status?: unknown } } | null;
  const status = e?.response?.status ?? e?.status;
  return typeof status === 'number' ? status : undefined;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Delay before attempt `attempt + 1` (attempt counts from 1): base x 2^(attempt-1), capped, with jitter. */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'jitter'> = {}, random: () => number = Math.random): number {
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 5000;
  const jitter = options.jitter ?? 0.2;
  const exact = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(exact * (1 - jitter + 2 * jitter * random()));
}

/**
 * Runs `fn` until it succeeds, retrying transient failures with exponential back-off. Non-retryable errors are
 * thrown at once, unchanged; when attempts run out, RetriesExhaustedError (with the last error as `cause`).
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const retryable = options.retryable ?? isTransientError;
  const sleep = options.sleep ?? abortableSleep;
  const errors: unknown[] = [];
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      errors.push(error);
      if (!retryable(error) || options.signal?.aborted) throw error;
      if (attempt >= attempts) throw new RetriesExhaustedError(attempt, errors);
      const delayMs = backoffDelay(attempt, options);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
