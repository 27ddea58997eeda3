import { badTextReason } from './text-input';

/** Methods no Motif route answers, refused before routing (TRACE reflected the request and ended in a 500). */
const REFUSED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

export type Refusal = { status: number; error: string };

/**
 * Why a request is malformed before any route sees it, or null: a refused method (405), a path that is not valid
 * percent-encoding (400, it failed deep in routing with a 500), or a NUL or lone surrogate in the decoded path or
 * query (400: such text must never reach PostgreSQL).
 */
export function malformedRequest(method: string, url: URL): Refusal | null {
  if (REFUSED_METHODS.has(method.toUpperCase()))
    return { status: 405, error: `${method.toUpperCase()} is not allowed` };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, error: 'The path is not valid percent-encoding' };
  }
  const pathProblem = badTextReason(path);
  if (pathProblem) return { status: 400, error: `The path ${pathProblem}` };
  for (const [key, value] of url.searchParams) {
    const problem = badTextReason(key) ?? badTextReason(value);
    if (problem)
      return {
        status: 400,
        error: `The query parameter ${JSON.stringify(key.replace(/[^\x20-\x7e]/g, '?'))} ${problem}`,
      };
  }
  return null;
}
