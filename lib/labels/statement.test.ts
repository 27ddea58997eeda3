import { describe, expect, it } from 'vitest';
import { statementCsv, statementRows, summarize, type StoredEvent } from './statement';

const SPLIT = '0x5p1it00000000000000000000000000000000001';
const P1 = '0x1000000000000000000000000000000000000001';
const P2 = '0x2000000000000000000000000000000000000002';
const P3 = '0x3000000000000000000000000000000000000003';
const OTHER = '0x9000000000000000000000000000000000000009';
let n = 0;
const ev = (
  contract: string,
  name: string,
  args: Record<string, unknown>,
  tokenId: string | null = null,
): StoredEvent => ({
  contract,
  name,
  args,
  tokenId,
  blockNumber: BigInt(++n),
  txHash: `0x${n.toString(16).padStart(64, '0')}`,
  logIndex: 0,
});

const events: StoredEvent[] = [
  ev('SplitMain', 'SplitCreated', { split: SPLIT, accounts: [P1, P2, P3], shares: ['333333', '333333', '333334'] }),
  ev(
    'TrackCollection',
    'VoucherRedeemed',
    { creator: P1, nonce: '1', tokenId: '7', buyer: OTHER, payout: SPLIT, price: '1000000000000000000' },
    '7',
  ),
  ev(
    'Market',
    'Sale',
    {
      collection: OTHER,
      tokenId: '7',
      buyer: OTHER,
      seller: OTHER,
      price: '2000000000000000000',
      royaltyReceiver: SPLIT,
      royalty: '100000000000000000',
      fee: '0',
    },
    '7',
  ),
  ev(
    'Market',
    'Sale',
    {
      collection: OTHER,
      tokenId: '8',
      buyer: OTHER,
      seller: OTHER,
      price: '5',
      royaltyReceiver: OTHER,
      royalty: '1',
      fee: '0',
    },
    '8',
  ),
  ev('SplitMain', 'Distributed', {
    split: SPLIT,
    token: '0x0000000000000000000000000000000000000000',
    amount: '1100000000000000000',
    distributor: OTHER,
    accounts: [P1, P2, P3],
    credits: ['366666300000000000', '366666300000000000', '366667400000000000'],
  }),
  ev('SplitMain', 'Withdrawal', {
    account: P2,
    token: '0x0000000000000000000000000000000000000000',
    amount: '366666300000000000',
  }),
  ev('SplitMain', 'Withdrawal', { account: OTHER, token: '0x0000000000000000000000000000000000000000', amount: '9' }),
];

describe('statementRows', () => {
  const rows = statementRows(events, { tokenIds: new Set(['7']), splits: new Set([SPLIT]) });

  it('keeps only the catalogue and its splits, each row naming its event', () => {
    expect(rows.map((r) => r.kind)).toEqual([
      'primary-sale',
      'resale-royalty',
      'distribution',
      'payee-credit',
      'payee-credit',
      'payee-credit',
      'withdrawal',
    ]);
    expect(rows.every((r) => /^0x[0-9a-f]{64}$/.test(r.txHash))).toBe(true);
    expect(rows.find((r) => r.kind === 'resale-royalty')).toMatchObject({
      tokenId: '7',
      split: SPLIT,
      amountWei: 100_000_000_000_000_000n,
    });
  });

  it('sums per track and per payee; payee credits add up to the distribution', () => {
    const s = summarize(rows);
    expect(s.byTrack.get('7')).toEqual({
      primarySales: 1_000_000_000_000_000_000n,
      resaleRoyalties: 100_000_000_000_000_000n,
    });
    const credited = [...s.byPayee.values()].reduce((a, p) => a + p.credited, 0n);
    expect(credited).toBe(s.distributed);
    expect(s.byPayee.get(P2)?.withdrawn).toBe(366_666_300_000_000_000n);
    expect(s.byPayee.get(P3)?.credited).toBe(366_667_400_000_000_000n);
  });

  it('shows what the chain credited, not what the shares promise: a distribution that paid the wrong payee is visible', () => {
    // The v1 attack: the whole 9 ETH credited to the 10% payee. A statement recomputed from the shares would show every
    // payee its fair part; this one shows P1 credited everything and P2, P3 nothing.
    const attacked = [
      ev('SplitMain', 'SplitCreated', { split: SPLIT, accounts: [P1, P2, P3], shares: ['100000', '450000', '450000'] }),
      ev('SplitMain', 'Distributed', {
        split: SPLIT,
        token: '0x0000000000000000000000000000000000000000',
        amount: '9000000000000000000',
        distributor: OTHER,
        accounts: [P1],
        credits: ['9000000000000000000'],
      }),
    ];
    const s = summarize(statementRows(attacked, { tokenIds: new Set(), splits: new Set([SPLIT]) }));
    expect(s.byPayee.get(P1)?.credited).toBe(9_000_000_000_000_000_000n);
    expect(s.byPayee.get(P2)).toBeUndefined();
    expect(s.byPayee.get(P3)).toBeUndefined();
  });

  it('a voucher redeemed in an ERC-20 is a primary sale in that token, apart from the native sales (issue #20)', () => {
    const TUSD = '0x7e57000000000000000000000000000000000006';
    const redeemed = (tokenId: string, payout: string, price: string) =>
      ev(
        'TrackCollection',
        'VoucherRedeemedInCurrency',
        { creator: P1, nonce: '2', tokenId, buyer: OTHER, payout, currency: TUSD, price },
        tokenId,
      );
    const inToken = [...events, redeemed('7', SPLIT, '12500000'), redeemed('8', OTHER, '3000000')];
    const all = statementRows(inToken, { tokenIds: new Set(['7']), splits: new Set([SPLIT]) });
    // only the catalogue's track: token 8's redemption is not the label's
    expect(all.filter((r) => r.asset === TUSD)).toEqual([
      expect.objectContaining({
        kind: 'primary-sale',
        tokenId: '7',
        split: SPLIT,
        account: SPLIT,
        asset: TUSD,
        amountWei: 12_500_000n,
      }),
    ]);
    // the native totals are those without it; the token's are its own
    expect(summarize(all).byTrack.get('7')).toEqual(summarize(rows).byTrack.get('7'));
    expect(summarize(all, TUSD).byTrack.get('7')).toEqual({ primarySales: 12_500_000n, resaleRoyalties: 0n });
    // the CSV names the token by its address, the amount in its base units
    const csv = statementCsv(all, new Map(), 'DEGEN').trimEnd().split('\r\n');
    expect(csv.at(-1)).toMatch(new RegExp(`,primary-sale,7,${SPLIT},${SPLIT},${TUSD},12500000$`));
  });

  it('writes RFC 4180 CSV with one line per row and the block times', () => {
    const csv = statementCsv(rows, new Map([[2n, new Date('2026-11-24T10:00:00Z')]]), 'DEGEN');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('block_number,block_time,tx_hash,log_index,kind,token_id,split,account,asset,amount_wei');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[1]).toMatch(/^2,2026-11-24T10:00:00.000Z,0x0+2,0,primary-sale,7,/);
    // the native asset is named by the chain's currency, never by the internal key
    expect(lines[1]).toMatch(/,DEGEN,\d+$/);
    expect(csv).not.toMatch(/\bETH\b/);
  });
});
