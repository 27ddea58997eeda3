import { describe, expect, it } from 'vitest';
import { indexerStateNotice, lostTransactionsNotice, quarantineNotice, supervisorNotice } from './notices';

describe('notices', () => {
  it('say what died, why, and when it restarts', () => {
    expect(
      supervisorNotice({ kind: 'died', name: 'chain', reason: 'anvil exited (signal SIGKILL)', restartInMs: 250 }),
    ).toBe('chain died (anvil exited (signal SIGKILL)); restarting in 0.25 s');
    expect(
      supervisorNotice({ kind: 'restart-failed', name: 'database', reason: 'port busy\nmore', restartInMs: 2_000 }),
    ).toBe('database could not be restarted (port busy); trying again in 2.0 s');
    expect(supervisorNotice({ kind: 'restarted', name: 'indexer', restarts: 2 })).toBe(
      'indexer restarted (restart 2 since start)',
    );
  });

  it('name each lost transaction with what it did', () => {
    expect(lostTransactionsNotice([])).toEqual([]);
    const lines = lostTransactionsNotice([
      {
        txHash: '0xab',
        blockNumber: 7n,
        events: [
          { contract: 'TrackCollection', name: 'TrackMinted', tokenId: '5' },
          { contract: 'Market', name: 'Sale', tokenId: null },
        ],
        accounts: [],
      },
      {
        txHash: '0xcd',
        blockNumber: 8n,
        events: [{ contract: 'Market', name: 'Listed', tokenId: '6' }],
        accounts: ['0x00000000000000000000000000000000000000aa'],
      },
    ]);
    expect(lines[0]).toMatch(/^2 confirmed transactions are no longer on the chain/);
    expect(lines[1]).toBe('  0xab (block 7): TrackCollection.TrackMinted token 5, Market.Sale');
    expect(lines[2]).toBe(
      '  0xcd (block 8): Market.Listed token 6 (accounts 0x00000000000000000000000000000000000000aa)',
    );
    expect(lines[0]).toContain('also shown on /activity');
  });

  it('describe an outage and a quarantined pack', () => {
    expect(indexerStateNotice({ state: 'retrying', since: new Date(), error: new Error('fetch failed\nat ...') })).toBe(
      'indexer cannot sync (fetch failed); retrying with back-off, resuming from its cursor',
    );
    expect(
      quarantineNotice({
        pack: 'a.pack',
        movedTo: '/r/packs/quarantine/a.pack',
        reason: 'no pack trailer',
        blocks: null,
        at: '',
      }),
    ).toContain('an unknown number of blocks lost');
  });
});
