import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRevertedError } from '../errors/transaction-reverted';
import { confirmMint, mintConfirmations } from './confirm-mint';
import { sendMint } from './send-mint';
import { pinnedFor, startMintChain, testDraft, type MintChain } from './testing/mint-chain';

let c: MintChain;
beforeAll(async () => {
  c = await startMintChain();
});
afterAll(async () => c?.stop());

describe('confirmMint (anvil)', () => {
  it('waits for the mint and records token, transaction and block', async () => {
    const { wallet } = await c.funded();
    const creator = wallet.account.address;
    const base = await testDraft(creator);
    const pinned = pinnedFor(base, creator);
    const sent = { ...base, progress: { pinned, split: { address: creator } } };
    const mintTx = await sendMint(wallet, { draft: sent, collection: c.contracts.collection });
    const minted = await confirmMint(c.publicClient, {
      draft: { ...sent, progress: { ...sent.progress, mintTx } },
      chainId: c.chain.id,
    });
    const receipt = await c.publicClient.getTransactionReceipt({ hash: mintTx });
    expect(minted).toEqual({ tokenId: pinned.tokenId, txHash: mintTx, blockNumber: receipt.blockNumber.toString() });
  });

  it('a transaction that reverted in its block fails the step', async () => {
    const { wallet } = await c.funded();
    const creator = wallet.account.address;
    const base = await testDraft(creator);
    // sent without simulation to a function the contract does not have: mined, reverted
    const mintTx = await wallet.sendTransaction({ to: c.contracts.collection, data: '0xdeadbeef', gas: 100_000n });
    const draft = { ...base, progress: { pinned: pinnedFor(base, creator), split: { address: creator }, mintTx } };
    const error = await confirmMint(c.publicClient, { draft, chainId: c.chain.id }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransactionRevertedError);
    expect(error).toMatchObject({ hash: mintTx });
  });

  it('one confirmation on the local chain, two elsewhere', () => {
    expect(mintConfirmations(31337)).toBe(1);
    expect(mintConfirmations(8453)).toBe(2);
  });
});
