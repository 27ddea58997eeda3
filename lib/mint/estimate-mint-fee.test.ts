import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoyaltySplit } from './create-royalty-split';
import { estimateMintFee } from './estimate-mint-fee';
import { startMintChain, testDraft, type MintChain } from './testing/mint-chain';

let c: MintChain;
beforeAll(async () => {
  c = await startMintChain();
});
afterAll(async () => c?.stop());

describe('estimateMintFee (anvil)', () => {
  it('prices the mint at the fee per gas and reads the balance', async () => {
    const { wallet } = await c.funded();
    const account = wallet.account.address;
    const { fee, balance } = await estimateMintFee(c.publicClient, {
      draft: await testDraft(account),
      account,
      contracts: c.contracts,
    });
    expect(fee.lines.map((l) => l.label)).toEqual(['Mint']);
    expect(fee.lines[0]?.gas).toBeGreaterThan(50_000n);
    expect(fee.feePerGas).toBeGreaterThan(0n);
    expect(fee.totalWei).toBe(fee.lines[0]!.gas * fee.feePerGas);
    expect(balance).toBe(await c.publicClient.getBalance({ address: account }));
  });

  it('adds the split creation while the split is new, and drops it once it exists', async () => {
    const { wallet } = await c.funded();
    const other = (await c.funded()).wallet.account.address;
    const account = wallet.account.address;
    const draft = await testDraft(account, {
      split: {
        royaltyPercent: '5',
        payees: [
          { address: account, percent: '50' },
          { address: other, percent: '50' },
        ],
        controller: '',
      },
    });
    const before = await estimateMintFee(c.publicClient, { draft, account, contracts: c.contracts });
    expect(before.fee.lines.map((l) => l.label)).toEqual(['Create the royalty split', 'Mint']);
    await createRoyaltySplit(wallet, { draft, contracts: c.contracts });
    const after = await estimateMintFee(c.publicClient, { draft, account, contracts: c.contracts });
    expect(after.fee.lines.map((l) => l.label)).toEqual(['Mint']);
  });

  it('a voucher sends no transaction from the creator', async () => {
    const { wallet } = await c.funded();
    const account = wallet.account.address;
    const { fee } = await estimateMintFee(c.publicClient, {
      draft: await testDraft(account, { mode: 'voucher' }),
      account,
      contracts: c.contracts,
    });
    expect(fee).toMatchObject({ lines: [], totalWei: 0n });
  });

  it('a draft whose split no longer validates is refused before any call', async () => {
    const { wallet } = await c.funded();
    const account = wallet.account.address;
    const draft = await testDraft(account);
    // the form stops a royalty over 50%; a draft edited behind its back still cannot reach the chain
    const tampered = {
      ...draft,
      details: { ...draft.details, split: { ...draft.details.split, royaltyPercent: '60' } },
    };
    await expect(estimateMintFee(c.publicClient, { draft: tampered, account, contracts: c.contracts })).rejects.toThrow(
      /Royalty: at most 50%/,
    );
  });
});
