import { describe, expect, it } from 'vitest';
import { parseRange } from './byte-range';

describe('parseRange', () => {
  it.each([
    [null, 100, { kind: 'full' }],
    ['bytes=0-9', 100, { kind: 'partial', range: { start: 0, end: 10 } }],
    ['bytes=90-', 100, { kind: 'partial', range: { start: 90, end: 100 } }],
    ['bytes=-10', 100, { kind: 'partial', range: { start: 90, end: 100 } }],
    ['bytes=-500', 100, { kind: 'partial', range: { start: 0, end: 100 } }],
    ['bytes=50-5000', 100, { kind: 'partial', range: { start: 50, end: 100 } }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=9-3', 100, { kind: 'full' }],
    ['items=0-3', 100, { kind: 'full' }],
    ['bytes=0-1,5-6', 100, { kind: 'full' }],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});
