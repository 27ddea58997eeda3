import { parseEther } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalanceScenario, SCENARIO_TOTAL, type BalanceScenario } from '../../test/balance/fixture';
import { readBalance } from './read-balance';

let s: BalanceScenario;
beforeAll(async () => {
  s = await startBalanceScenario();
});
afterAll(async () => {
  await s?.c.stop();
});

describe('readBalance', () => {
  it('sums the seller’s Market credits and their share of what the split holds and is owed, from the chain', async () => {
    const account = s.seller.account.address;
    const balance = await readBalance(s.c.publicClient, {
      account,
      contracts: s.contracts,
      splits: [s.split],
      tokens: [],
    });
    expect(balance.credits).toEqual({ market: parseEther('0.9'), vouchers: 0n, editions: 0n });
    expect(balance.splitMain).toEqual({ native: 0n, tokens: [] });
    expect(balance.pending).toHaveLength(1);
    expect(balance.pending[0]).toMatchObject({
      split: s.split.split,
      share: 700_000,
      credits: { market: parseEther('0.1'), vouchers: 0n, editions: 0n },
      wallet: parseEther('0.2'),
      yours: parseEther('0.21'),
    });
    expect(balance.totalNative).toBe(SCENARIO_TOTAL);
  });

  it('an account with no credits and no splits has nothing to withdraw', async () => {
    const stranger = (await s.c.funded()).wallet.account.address;
    const balance = await readBalance(s.c.publicClient, {
      account: stranger,
      contracts: s.contracts,
      splits: [],
      tokens: [],
    });
    expect(balance).toMatchObject({ pending: [], totalNative: 0n, totalTokens: [] });
  });
});
