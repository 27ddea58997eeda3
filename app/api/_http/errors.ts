// The route convention of app/api (docs/ARCHITECTURE.md, "API routes"): each route is handler.ts, the HTTP framing
// (createXHandler(deps): zod-checked input, a call into lib/, the answer; dependencies passed in, never taken from
// lib/platform), and route.ts, what Next needs (method exports, guards, the wiring to lib/platform), with wiring.ts
// where several routes share one handler. Every failure answers with the body below.

import type { z } from 'zod';
import { BaseError } from '../../../lib/errors/base';

/** The one error body of every /api route: `error` always, the other fields only where they help the client. */
export type ApiErrorBody = {
  /** What went wrong, in words for people. */
  error: string;
  /** One line per invalid input ("field: message"), for a 400 that lists them. */
  issues?: string[];
  /** A stable machine-readable reason where a client branches on it (e.g. why a sign-in was refused). */
  reason?: string;
};

/** An answer other than success, thrown inside a handler and turned into `errorResponse` by `toErrorResponse`. */
export class ApiError extends BaseError {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    shortMessage: string,
    readonly extra: Omit<ApiErrorBody, 'error'> & { cause?: unknown } = {},
  ) {
    super(shortMessage, { cause: extra.cause });
  }
}

/** The error answer: the shared body, never cached. */
export function errorResponse(status: number, body: ApiErrorBody, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/**
 * The answer for an error a handler let through: an ApiError, or an error of a lib/ module that carries its HTTP
 * `status` (e.g. the storage's PayloadTooLargeError), anywhere in the cause chain. Anything else is a bug: null, so
 * the caller rethrows it and Next answers 500.
 */
export function toErrorResponse(error: unknown): Response | null {
  if (!(error instanceof Error)) return null;
  const found = error instanceof BaseError ? error.walk((e) => e instanceof ApiError) : null;
  if (found instanceof ApiError) {
    const { issues, reason } = found.extra;
    return errorResponse(found.status, {
      error: found.shortMessage,
      ...(issues ? { issues } : {}),
      ...(reason ? { reason } : {}),
    });
  }
  const status =
    'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 600
      ? error.status
      : null;
  return status === null ? null : errorResponse(status, { error: error.message });
}

/** zod's issues as the body's `issues` lines. */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

/** The answer for an error a handler let through, or the error rethrown (a bug: Next answers 500). */
export function answerOrRethrow(error: unknown): Response {
  const answer = toErrorResponse(error);
  if (answer) return answer;
  throw error;
}

/** A lib/ refusal that carries its HTTP answer: a status, a stable `reason` and one line per invalid field. */
type Refusal = BaseError & { readonly status: number; readonly reason: string; readonly issues: readonly string[] };

/** The answer for a refusal (VoucherError, ApprovalError): its status, its words, `reason`, and `issues` if any. */
export function refusalResponse(refusal: Refusal): Response {
  return errorResponse(refusal.status, {
    error: refusal.shortMessage,
    reason: refusal.reason,
    ...(refusal.issues.length > 0 ? { issues: [...refusal.issues] } : {}),
  });
}

/**
 * Reads a JSON body, then asks the rate limit (`admit`), in that order so a malformed body costs no allowance:
 * `{ body }`, or the answer to send instead (400 naming `what` the body must be, or the limit's refusal).
 */
export async function readAdmittedJson(
  request: Request,
  admit: (request: Request) => Promise<Response | null>,
  what: string,
  reason?: string,
): Promise<{ body: unknown } | { answer: Response }> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { answer: errorResponse(400, { error: `The body must be ${what} (JSON)`, ...(reason ? { reason } : {}) }) };
  }
  const refused = await admit(request);
  return refused ? { answer: refused } : { body };
}
