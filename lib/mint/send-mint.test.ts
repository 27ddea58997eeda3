import { ContractFunctionExecutionError } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackCollectionAbi } from '../contracts/abi';
import { classifyWalletError } from '../errors/wallet';
import { DraftNotReadyError } from './contracts';
import { sendMint } from './send-mint';
import { pinnedFor, startMintChain, testDraft, type MintChain } from './testing/mint-chain';

let c: MintChain;
beforeAll(async () => {
  c = await startMintChain();
});
afterAll(async () => c?.stop());

describe('sendMint (anvil)', () => {
  it('mints the pinned track to the creator with its royalty and licence', async () => {
    const { wallet } = await c.funded();
    const creator = wallet.account.address;
    const base = await testDraft(creator, {
      licence: 'CC0-1.0',
      split: { royaltyPercent: '7.5', payees: [{ address: creator, percent: '100' }], controller: '' },
    });
    const pinned = pinnedFor(base, creator);
    const draft = { ...base, progress: { pinned, split: { address: creator } } };
    const hash = await sendMint(wallet, { draft, collection: c.contracts.collection });
    const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe('success');
    const tokenId = BigInt(pinned.tokenId);
    expect(
      await c.publicClient.readContract({
        address: c.contracts.collection,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [tokenId],
      }),
    ).toBe(creator);
    const [receiver, amount] = await c.publicClient.readContract({
      address: c.contracts.collection,
      abi: trackCollectionAbi,
      functionName: 'royaltyInfo',
      args: [tokenId, 10_000n],
    });
    expect([receiver, amount]).toEqual([creator, 750n]);
  });

  it('a mint the contract refuses fails in the simulation, before the wallet is asked, with the decoded error', async () => {
    const { wallet } = await c.funded();
    const creator = wallet.account.address;
    const base = await testDraft(creator);
    const draft = { ...base, progress: { pinned: pinnedFor(base, creator), split: { address: creator } } };
    await sendMint(wallet, { draft, collection: c.contracts.collection }).then((h) =>
      c.publicClient.waitForTransactionReceipt({ hash: h }),
    );
    const nonce = await c.publicClient.getTransactionCount({ address: creator });
    // the same content again: the track already exists
    const error = await sendMint(wallet, { draft, collection: c.contracts.collection }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContractFunctionExecutionError);
    expect(classifyWalletError(error)).toMatchObject({ kind: 'reverted' });
    expect(await c.publicClient.getTransactionCount({ address: creator })).toBe(nonce);
  });

  it('refuses a draft without its pin and split outputs', async () => {
    const { wallet } = await c.funded();
    const draft = await testDraft(wallet.account.address);
    await expect(sendMint(wallet, { draft, collection: c.contracts.collection })).rejects.toBeInstanceOf(
      DraftNotReadyError,
    );
  });
});
