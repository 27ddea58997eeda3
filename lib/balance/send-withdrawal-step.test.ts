import { type Hash } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalanceScenario, SCENARIO_TOTAL, type BalanceScenario } from '../../test/balance/fixture';
import { planWithdrawal } from './plan-withdrawal';
import { readBalance } from './read-balance';
import { sendWithdrawalStep } from './send-withdrawal-step';

let s: BalanceScenario;
beforeAll(async () => {
  s = await startBalanceScenario();
});
afterAll(async () => {
  await s?.c.stop();
});

describe('sendWithdrawalStep', () => {
  it('the planned steps, sent in order, move the whole balance to the account: release, distribute, withdraw', async () => {
    const account = s.seller.account.address;
    const read = () =>
      readBalance(s.c.publicClient, { account, contracts: s.contracts, splits: [s.split], tokens: [] });
    const steps = planWithdrawal(await read());
    expect(steps.map((x) => `${x.kind}:${'contract' in x ? x.contract : ''}`)).toEqual([
      'release:Market',
      'distribute:',
      'withdraw:Market',
      'withdrawSplits:',
    ]);
    const before = await s.c.publicClient.getBalance({ address: account });
    let gas = 0n;
    const sent: Hash[] = [];
    for (const step of steps) {
      const { txHash } = await sendWithdrawalStep(
        { publicClient: s.c.publicClient, walletClient: s.seller, contracts: s.contracts },
        step,
        (h) => sent.push(h),
      );
      const receipt = await s.c.publicClient.getTransactionReceipt({ hash: txHash });
      gas += receipt.gasUsed * receipt.effectiveGasPrice;
    }
    expect(sent).toHaveLength(4);
    const after = await s.c.publicClient.getBalance({ address: account });
    expect(after - before + gas).toBe(SCENARIO_TOTAL);
    expect((await read()).totalNative).toBe(0n);
    expect(planWithdrawal(await read())).toEqual([]);
  });

  it('a step with nothing left to pay is refused before signing, with the contract’s reason, and moves nothing', async () => {
    const account = s.seller.account.address;
    const before = await s.c.publicClient.getBalance({ address: account });
    const error = await sendWithdrawalStep(
      { publicClient: s.c.publicClient, walletClient: s.seller, contracts: s.contracts },
      { kind: 'withdraw', contract: 'Market', account, amount: 1n, label: 'Withdraw your Market credits' },
    ).catch((e: unknown) => e);
    expect(String(error)).toContain('NothingToWithdraw');
    expect(await s.c.publicClient.getBalance({ address: account })).toBe(before);
  });
});
