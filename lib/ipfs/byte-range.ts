/** A satisfiable byte range, inclusive start, exclusive end. */
export type ByteRange = { start: number; end: number };

export type RangeRequest = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * Parses an HTTP Range header (RFC 9110 §14) for a resource of `size` bytes. One range is served; a header with
 * several ranges, or a unit other than bytes, is answered with the full body, which the RFC permits.
 */
export function parseRange(header: string | null | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'full' };
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size } };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size : Math.min(size, Number(last) + 1);
  if (end <= start) return { kind: 'full' }; // last < first: syntactically invalid, ignore the header
  return { kind: 'partial', range: { start, end } };
}
