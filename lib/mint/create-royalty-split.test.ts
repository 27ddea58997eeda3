import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCode } from 'viem/actions';
import { splitMainAbi } from '../contracts/abi';
import { hashSplit } from '../contracts/splits';
import { createRoyaltySplit } from './create-royalty-split';
import { startMintChain, testDraft, type MintChain } from './testing/mint-chain';

let c: MintChain;
beforeAll(async () => {
  c = await startMintChain();
});
afterAll(async () => c?.stop());

describe('createRoyaltySplit (anvil)', () => {
  it('one payee: the payee receives the royalty, no transaction', async () => {
    const { wallet } = await c.funded();
    const before = await c.publicClient.getTransactionCount({ address: wallet.account.address });
    const draft = await testDraft(wallet.account.address);
    expect(await createRoyaltySplit(wallet, { draft, contracts: c.contracts })).toEqual({
      address: wallet.account.address,
    });
    expect(await c.publicClient.getTransactionCount({ address: wallet.account.address })).toBe(before);
  });

  it('creates the split at the predicted address once; a retry finds it and sends nothing', async () => {
    const { wallet } = await c.funded();
    const other = await c.funded();
    const draft = await testDraft(wallet.account.address, {
      split: {
        royaltyPercent: '5',
        payees: [
          { address: wallet.account.address, percent: '70' },
          { address: other.wallet.account.address, percent: '30' },
        ],
        controller: '',
      },
    });
    const created = await createRoyaltySplit(wallet, { draft, contracts: c.contracts });
    expect(created.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await getCode(c.publicClient, { address: created.address })).toMatch(/^0x[0-9a-f]+$/);
    const accounts = [wallet.account.address, other.wallet.account.address].sort((a, b) =>
      BigInt(a) < BigInt(b) ? -1 : 1,
    );
    const shares = accounts.map((a) => (a === wallet.account.address ? 700_000 : 300_000));
    const onChain = await c.publicClient.readContract({
      address: c.contracts.splitMain,
      abi: splitMainAbi,
      functionName: 'splitHash',
      args: [created.address],
    });
    expect(onChain).toBe(hashSplit({ accounts, shares }));
    expect(await createRoyaltySplit(wallet, { draft, contracts: c.contracts })).toEqual({ address: created.address });
  });
});
