import { createTestClient, getAddress, http, type Hash } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalanceScenario, SCENARIO_TOTAL, type BalanceScenario } from '../../test/balance/fixture';
import { createSplitOf, minedOk } from '../../test/contracts/deployed';
import { digestOf, publicPhase } from '../../test/editions/fixture';
import { motifTestUsdAbi } from '../contracts/abi';
import { voucherTypedData, type CurrencyVoucher } from '../contracts/voucher';
import { addEditionPhase } from '../editions/add-phase';
import { createEdition } from '../editions/create-edition';
import { mintEdition } from '../editions/mint-edition';
import { redeemVoucherSteps } from '../vouchers/redeem-voucher';
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

  it('Editions credits in tUSD (a referral share and a split’s revenue) are read, then withdrawn by the planned steps (issue #17)', async () => {
    if (!s.c.deployment.stablecoin) throw new Error('the local deployment has no test stablecoin');
    const usd = getAddress(s.c.deployment.stablecoin.address);
    const maker = (await s.c.funded()).wallet;
    const cowriter = (await s.c.funded()).wallet.account.address;
    const buyer = (await s.c.funded()).wallet;
    const me = maker.account.address;
    const accounts = [me, cowriter].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    const shares = accounts.map((a) => (a === me ? 600_000 : 400_000));
    const { split } = await createSplitOf(s.c, maker, accounts, shares);
    const clients = (wallet: typeof maker) => ({
      publicClient: s.c.publicClient,
      walletClient: wallet,
      editions: s.contracts.Editions,
    });
    // An edition paying the split, sold in tUSD; the maker refers the buyer (10%) to 2 copies at 5 tUSD.
    const now = Number((await s.c.publicClient.getBlock()).timestamp);
    const { editionId } = await createEdition(clients(maker), {
      content: digestOf(`money in tUSD ${me}`),
      manifest: digestOf(`money in tUSD ${me}/manifest`),
      licence: 0,
      royaltyReceiver: split,
      royaltyBps: 500,
      maxSupply: 10,
      closeAt: 0,
      referralBps: 1000,
      phases: [publicPhase(now, now + 2, 1n)],
    });
    const USD = 5_000_000n;
    await addEditionPhase(clients(maker), {
      editionId,
      phase: publicPhase(now + 2, now + 100_000, USD),
      currency: usd,
    });
    const test = createTestClient({ mode: 'anvil', transport: http(s.c.anvil.rpcUrl) });
    await test.setNextBlockTimestamp({ timestamp: BigInt(now + 3) });
    await test.mine({ blocks: 1 });
    await minedOk(
      s.c,
      await buyer.writeContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'mint',
        args: [buyer.account.address, 2n * USD],
      }),
    );
    await mintEdition(clients(buyer), {
      editionId,
      phase: 1,
      quantity: 2,
      price: USD,
      currency: usd,
      referrer: me,
      authorisation: { mode: 'public' },
    });
    const referral = (2n * USD) / 10n;
    const revenue = 2n * USD - referral;
    const mySplitShare = (revenue * 600_000n) / 1_000_000n;

    const read = () =>
      readBalance(s.c.publicClient, {
        account: me,
        contracts: s.contracts,
        splits: [{ split, accounts, shares }],
        tokens: [usd],
      });
    const balance = await read();
    expect(balance.editionsTokens).toEqual([expect.objectContaining({ token: usd, amount: referral })]);
    expect(balance.pending).toEqual([
      expect.objectContaining({
        split,
        editionsTokens: [expect.objectContaining({ token: usd, amount: revenue })],
        yoursTokens: [expect.objectContaining({ token: usd, amount: mySplitShare })],
      }),
    ]);
    expect(balance.totalTokens).toEqual([expect.objectContaining({ token: usd, amount: referral + mySplitShare })]);

    const steps = planWithdrawal(balance);
    expect(steps.map((x) => `${x.kind}:${'contract' in x ? x.contract : ''}`)).toEqual([
      'releaseCurrency:Editions',
      'distribute:',
      'withdrawCurrency:Editions',
      'withdrawSplits:',
    ]);
    const usdOf = (account: typeof me) =>
      s.c.publicClient.readContract({ address: usd, abi: motifTestUsdAbi, functionName: 'balanceOf', args: [account] });
    const before = await usdOf(me);
    for (const step of steps)
      await sendWithdrawalStep({ publicClient: s.c.publicClient, walletClient: maker, contracts: s.contracts }, step);
    expect((await usdOf(me)) - before).toBe(referral + mySplitShare);
    expect((await read()).totalTokens).toEqual([]);
  });

  it('voucher proceeds in tUSD (the creator’s own and a split’s) are read, then withdrawn by the planned steps (issue #20)', async () => {
    if (!s.c.deployment.stablecoin) throw new Error('the local deployment has no test stablecoin');
    const usd = getAddress(s.c.deployment.stablecoin.address);
    const creator = (await s.c.funded()).wallet;
    const cowriter = (await s.c.funded()).wallet.account.address;
    const collector = (await s.c.funded()).wallet;
    const me = creator.account.address;
    const accounts = [me, cowriter].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    const shares = accounts.map((a) => (a === me ? 700_000 : 300_000));
    const { split } = await createSplitOf(s.c, creator, accounts, shares);
    const deadline = (await s.c.publicClient.getBlock()).timestamp + 3600n;
    const voucher = (n: bigint, price: bigint, payout: typeof me): CurrencyVoucher => ({
      creator: me,
      content: digestOf(`voucher in tUSD ${me} ${n}`),
      manifest: digestOf(`voucher in tUSD ${me} ${n}/manifest`),
      price,
      payout,
      royaltyReceiver: split,
      royaltyBps: 500,
      licence: 0,
      nonce: n,
      deadline,
      currency: usd,
    });
    const own = voucher(1n, 12_500_000n, me);
    const toSplit = voucher(2n, 3_000_001n, split);
    await minedOk(
      s.c,
      await collector.writeContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'mint',
        args: [collector.account.address, own.price + toSplit.price],
      }),
    );
    for (const v of [own, toSplit]) {
      const signature = await creator.signTypedData(voucherTypedData(v, s.c.chain.id, s.contracts.TrackCollection));
      const steps = await redeemVoucherSteps(
        { publicClient: s.c.publicClient, walletClient: collector },
        {
          collection: s.contracts.TrackCollection,
          signed: { voucher: v, signature },
          to: collector.account.address,
          label: 'Mint',
          symbol: 'tUSD',
        },
      );
      for (const step of steps) await minedOk(s.c, await step.send());
    }
    const mySplitShare = (toSplit.price * 700_000n) / 1_000_000n;
    const read = () =>
      readBalance(s.c.publicClient, {
        account: me,
        contracts: s.contracts,
        splits: [{ split, accounts, shares }],
        tokens: [usd],
      });
    const balance = await read();
    expect(balance.voucherTokens).toEqual([expect.objectContaining({ token: usd, amount: own.price })]);
    expect(balance.pending).toEqual([
      expect.objectContaining({
        split,
        voucherTokens: [expect.objectContaining({ token: usd, amount: toSplit.price })],
        yoursTokens: [expect.objectContaining({ token: usd, amount: mySplitShare })],
      }),
    ]);
    const steps = planWithdrawal(balance);
    expect(steps.map((x) => `${x.kind}:${'contract' in x ? x.contract : ''}`)).toEqual([
      'releaseCurrency:TrackCollection',
      'distribute:',
      'withdrawCurrency:TrackCollection',
      'withdrawSplits:',
    ]);
    const usdOf = (account: typeof me) =>
      s.c.publicClient.readContract({ address: usd, abi: motifTestUsdAbi, functionName: 'balanceOf', args: [account] });
    const before = await usdOf(me);
    for (const step of steps)
      await sendWithdrawalStep({ publicClient: s.c.publicClient, walletClient: creator, contracts: s.contracts }, step);
    expect((await usdOf(me)) - before).toBe(own.price + mySplitShare);
    expect((await read()).totalTokens).toEqual([]);
  });
});
