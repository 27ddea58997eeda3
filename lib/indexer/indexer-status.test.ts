import { describe, expect, it } from 'vitest';
import { indexerLockKey, parseStatusName, statusName } from './indexer-status';

describe('indexer status names', () => {
  it("round-trip a state and the second it began, within application_name's 63 bytes", () => {
    const since = new Date('2026-12-02T21:00:00Z');
    const name = statusName('retrying', since);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(parseStatusName(name)).toEqual({ state: 'retrying', since });
  });

  it('read any other session name as none of ours', () => {
    for (const name of ['', 'psql', 'motif-indexer:sleeping:1', 'motif-indexer:running:x', 'other:running:1'])
      expect(parseStatusName(name)).toBeNull();
  });

  it('give each chain its own lock key', () => {
    expect(indexerLockKey(31337)).not.toBe(indexerLockKey(1));
  });
});
