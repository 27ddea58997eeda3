import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackCollectionAbi } from '../contracts/abi';
import type { MintDraft } from './draft';
import { createMintEffects } from './effects';
import { runMint } from './run';
import { nextStep } from './steps';
import { pinnedFor, startMintChain, testDraft, type MintChain } from './testing/mint-chain';

let c: MintChain;
beforeAll(async () => {
  c = await startMintChain();
});
afterAll(async () => c?.stop());

async function effectsFor(wallet: Awaited<ReturnType<MintChain['funded']>>['wallet'], saved: MintDraft[]) {
  return createMintEffects({
    wallet,
    publicClient: c.publicClient,
    chainId: c.chain.id,
    currency: c.chain.nativeCurrency,
    contracts: c.contracts,
    pin: async (d, onProgress) => {
      onProgress({ loaded: 1, total: 1 });
      return pinnedFor(d, wallet.account.address);
    },
    save: async (d) => void saved.push(d),
    now: () => '2026-12-03T10:00:00.000Z',
  });
}

describe('createMintEffects + runMint (anvil)', () => {
  it('sign -> pin -> split -> mint -> confirm with a 2-payee split: the track is minted with the split as royalty receiver', async () => {
    const { wallet } = await c.funded();
    const other = (await c.funded()).wallet.account.address;
    const creator = wallet.account.address;
    const draft = await testDraft(creator, {
      split: {
        royaltyPercent: '10',
        payees: [
          { address: creator, percent: '50' },
          { address: other, percent: '50' },
        ],
        controller: '',
      },
    });
    const saved: MintDraft[] = [];
    const done = await runMint(draft, await effectsFor(wallet, saved));
    expect(done.failure).toBeUndefined();
    expect(nextStep(done)).toBe('done');
    expect(saved.map(nextStep)).toEqual(['pin', 'split', 'mint', 'confirm', 'done']);
    const tokenId = BigInt(done.progress.minted?.tokenId ?? '0');
    expect(
      await c.publicClient.readContract({
        address: c.contracts.collection,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [tokenId],
      }),
    ).toBe(creator);
    const [receiver] = await c.publicClient.readContract({
      address: c.contracts.collection,
      abi: trackCollectionAbi,
      functionName: 'royaltyInfo',
      args: [tokenId, 10_000n],
    });
    expect(receiver).toBe(done.progress.split?.address);
    expect(receiver).not.toBe(creator);
  });

  it('a failed mint is saved with its message, and the retry resumes there', async () => {
    const { wallet } = await c.funded();
    const creator = wallet.account.address;
    const draft = await testDraft(creator);
    const saved: MintDraft[] = [];
    const fx = await effectsFor(wallet, saved);
    const first = await runMint(draft, fx);
    expect(nextStep(first)).toBe('done');
    // the same content minted again: the contract refuses it in the simulation, nothing is sent
    const again = await runMint(
      {
        ...first,
        progress: { signed: first.progress.signed, pinned: first.progress.pinned, split: first.progress.split },
      },
      fx,
    );
    expect(again.failure).toMatchObject({ step: 'mint', kind: 'reverted' });
    expect(nextStep(again)).toBe('mint');
  });
});
