import { zeroHash, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionsAbi, motifTestUsdAbi } from '../contracts/abi';
import { digestOf, publicPhase, startEditionsFixture, type EditionsFixture } from '../../test/editions/fixture';
import { addEditionPhase } from './add-phase';
import { AllowlistTree } from './allowlist-tree';
import { EditionRevertedError, type EditionsClients } from './clients';
import { createEdition } from './create-edition';
import { editionIdOf } from './edition-id';
import { signMintApproval } from './mint-approval';
import { CommentTooLongError, mintEdition, type MintEditionParameters } from './mint-edition';
import { quoteMint } from './pricing';
import { releaseRevenue } from './release-revenue';
import { withdrawCredits } from './withdraw-credits';

let f: EditionsFixture;
beforeAll(async () => {
  f = await startEditionsFixture();
});
afterAll(async () => {
  await f?.t.anvil.stop();
});

const PRICE = 10n ** 16n;
const PRESALE = 5n * 10n ** 15n;
const payout: Address = '0x00000000000000000000000000000000000Fee01';
const reason = (e: unknown) => (e instanceof EditionRevertedError ? e.reason : String(e));
/** The contract's reason for refusing `minting` (a mint that goes through reads as such, and fails the test). */
const refusal = (minting: Promise<unknown>) =>
  minting.then(
    () => 'minted (not refused)',
    (e: unknown) => reason(e),
  );
type Drop = { editionId: bigint; tree: AllowlistTree };
/** One presale copy (phase 0 at PRESALE) with `holder`'s proof for `proofPhase`; `extra` overrides any field. */
const presale = (
  drop: Drop,
  holder: Address,
  extra: Partial<MintEditionParameters> = {},
  proofPhase = 0,
): MintEditionParameters => ({
  editionId: drop.editionId,
  phase: 0,
  quantity: 1,
  price: PRESALE,
  authorisation: { mode: 'allowlist', proof: drop.tree.proof(drop.editionId, proofPhase, holder) },
  ...extra,
});
/** `quantity` copies in the public phase (phase 1 at PRICE). */
const publicMint = (editionId: bigint, extra: Partial<MintEditionParameters> = {}): MintEditionParameters => ({
  editionId,
  phase: 1,
  quantity: 1,
  price: PRICE,
  authorisation: { mode: 'public' },
  ...extra,
});
const credits = (account: Address) =>
  f.t.publicClient.readContract({ address: f.editions, abi: editionsAbi, functionName: 'creditsOf', args: [account] });

/** A two-phase drop: an allowlist presale (wallet cap 2) for `listed`, then a public sale. */
async function twoPhaseDrop(
  label: string,
  creator: EditionsClients,
  listed: Address[],
  extra: { maxSupply?: number } = {},
) {
  const now = await f.now();
  const content = digestOf(label);
  const editionId = editionIdOf(creator.walletClient.account.address, content);
  const tree = AllowlistTree.build([0, 1].map((phase) => ({ editionId, phase, addresses: listed })));
  await createEdition(creator, {
    content,
    manifest: digestOf(`${label}/manifest`),
    licence: 7,
    royaltyReceiver: payout,
    royaltyBps: 1000,
    maxSupply: extra.maxSupply ?? 100,
    closeAt: 0,
    referralBps: 1000,
    phases: [
      publicPhase(now, now + 1000, PRESALE, { mode: 'allowlist', merkleRoot: tree.root, walletCap: 2 }),
      publicPhase(now + 1000, now + 2000, PRICE),
    ],
  });
  return { editionId, tree, publicStart: now + 1000 };
}

describe('mintEdition', () => {
  it('presale with a proof, refusals outside the list and over the wallet cap, then a public mint with comment and referrer; money where it should be', async () => {
    const creator = await f.actor();
    const fan = await f.actor();
    const stranger = await f.actor();
    const referrer = await f.actor();
    const fanAddress = fan.walletClient.account.address;
    const drop = await twoPhaseDrop('mint-1', creator, [fanAddress]);
    const { editionId, publicStart } = drop;

    const first = await mintEdition(fan, presale(drop, fanAddress, { quantity: 2 }));
    expect(first.firstNumber).toBe(1);
    expect(first.firstTokenId).toBe(editionId | 1n);
    expect(
      await f.t.publicClient.readContract({
        address: f.editions,
        abi: editionsAbi,
        functionName: 'ownerOf',
        args: [editionId | 2n],
      }),
    ).toBe(fanAddress);

    // Over the wallet cap, even minting to someone else.
    expect(
      await refusal(mintEdition(fan, presale(drop, fanAddress, { to: stranger.walletClient.account.address }))),
    ).toBe('WalletCapExceeded');
    // Outside the list: the fan's own proof, presented by another wallet.
    expect(await refusal(mintEdition(stranger, presale(drop, fanAddress)))).toBe('NotAllowlisted');
    // Proof reuse across phases: the fan's phase-1 proof (same tree) does not open phase 0.
    expect(await refusal(mintEdition(fan, presale(drop, fanAddress, {}, 1)))).toBe('NotAllowlisted');
    // Public phase not yet open.
    expect(await refusal(mintEdition(stranger, publicMint(editionId)))).toBe('PhaseNotActive');

    await f.warpTo(publicStart);
    const referrerAddress = referrer.walletClient.account.address;
    const before = await credits(referrerAddress);
    const pub = await mintEdition(
      stranger,
      publicMint(editionId, { quantity: 3, referrer: referrerAddress, comment: 'first listen 🎧' }),
    );
    expect(pub.firstNumber).toBe(3);
    const q = quoteMint({ price: PRICE, quantity: 3, referralBps: 1000, withReferrer: true });
    expect(
      await f.t.publicClient.readContract({
        address: f.editions,
        abi: editionsAbi,
        functionName: 'quote',
        args: [editionId, 1n, 3n, true],
      }),
    ).toEqual([q.payment, q.referralCredit, q.creatorNet]);
    expect((await credits(referrerAddress)) - before).toBe(q.referralCredit);

    // Revenue: presale 2 × PRESALE (no referrer) + public net, released to the payout and withdrawn.
    await releaseRevenue(stranger, { editionIds: [editionId] });
    expect(await credits(payout)).toBe(2n * PRESALE + q.creatorNet);
    const balanceBefore = await f.t.publicClient.getBalance({ address: payout });
    await withdrawCredits(stranger, { account: payout });
    expect((await f.t.publicClient.getBalance({ address: payout })) - balanceBefore).toBe(2n * PRESALE + q.creatorNet);
  });

  it('refuses a proof from another edition, self-referral (payer or recipient), a wrong payment and a long comment', async () => {
    const creator = await f.actor();
    const fan = await f.actor();
    const fanAddress = fan.walletClient.account.address;
    const a = await twoPhaseDrop('mint-2a', creator, [fanAddress]);
    const b = await twoPhaseDrop('mint-2b', creator, [fanAddress]);
    expect(await refusal(mintEdition(fan, presale(a, fanAddress, { editionId: b.editionId })))).toBe('NotAllowlisted');

    const second = await f.actor();
    expect(await refusal(mintEdition(fan, presale(a, fanAddress, { referrer: fanAddress })))).toBe('SelfReferral');
    const secondAddress = second.walletClient.account.address;
    expect(
      await refusal(mintEdition(fan, presale(a, fanAddress, { to: secondAddress, referrer: secondAddress }))),
    ).toBe('SelfReferral');
    expect(await refusal(mintEdition(fan, presale(a, fanAddress, { price: PRESALE - 1n })))).toBe('WrongPayment');
    await expect(
      mintEdition(fan, presale(a, fanAddress, { comment: 'x'.repeat(281), authorisation: { mode: 'public' } })),
    ).rejects.toBeInstanceOf(CommentTooLongError);

    // Self-dealing through a second wallet: the "referrer" gets at most the creator's chosen share (10%), never more.
    const before = await credits(secondAddress);
    await mintEdition(fan, presale(a, fanAddress, { quantity: 2, referrer: secondAddress }));
    expect((await credits(secondAddress)) - before).toBe((2n * PRESALE * 1000n) / 10_000n);
  });

  it('refuses a mint over the supply cap', async () => {
    const creator = await f.actor();
    const fan = await f.actor();
    const { editionId, publicStart } = await twoPhaseDrop('mint-3', creator, [fan.walletClient.account.address], {
      maxSupply: 2,
    });
    await f.warpTo(publicStart);
    expect(await refusal(mintEdition(fan, publicMint(editionId, { quantity: 3 })))).toBe('SoldOut');
  });

  it('signature-gated phase: an approval mints once; a replay, another minter, or an approval for another edition are refused', async () => {
    const creator = await f.actor();
    const fan = await f.actor();
    const other = await f.actor();
    const now = await f.now();
    const mk = async (label: string) => {
      const content = digestOf(label);
      const { editionId } = await createEdition(creator, {
        content,
        manifest: zeroHash,
        licence: 0,
        royaltyReceiver: payout,
        royaltyBps: 0,
        maxSupply: 10,
        closeAt: 0,
        referralBps: 0,
        phases: [publicPhase(now, now + 10_000, PRICE, { mode: 'signature' })],
      });
      return editionId;
    };
    const e1 = await mk('sig-1');
    const e2 = await mk('sig-2');
    const fanAddress = fan.walletClient.account.address;
    const deadline = BigInt(now + 5_000);
    const signature = await signMintApproval(creator.walletClient, {
      editions: f.editions,
      approval: { editionId: e1, phase: 0n, minter: fanAddress, quantity: 1n, nonce: 7n, deadline },
    });
    const auth = { mode: 'signature', nonce: 7n, deadline, signature } as const;
    const signed = (editionId: bigint, authorisation: MintEditionParameters['authorisation']) =>
      publicMint(editionId, { phase: 0, authorisation });
    const minted = await mintEdition(fan, signed(e1, auth));
    expect(minted.firstNumber).toBe(1);
    expect(await refusal(mintEdition(fan, signed(e1, auth)))).toBe('ApprovalNonceUsed');
    const fresh = await signMintApproval(creator.walletClient, {
      editions: f.editions,
      approval: { editionId: e1, phase: 0n, minter: fanAddress, quantity: 1n, nonce: 8n, deadline },
    });
    const freshAuth = { ...auth, nonce: 8n, signature: fresh };
    expect(await refusal(mintEdition(other, signed(e1, freshAuth)))).toBe('InvalidSignature');
    expect(await refusal(mintEdition(fan, signed(e2, freshAuth)))).toBe('InvalidSignature');
  });
});

describe('mintEdition in an ERC-20 phase', () => {
  it('approves exactly the payment when the allowance is short, sends no ETH, and credits the payout in the token', async () => {
    const creator = await f.actor();
    const fan = await f.actor();
    const fanAddress = fan.walletClient.account.address;
    const now = await f.now();
    const content = digestOf('tusd-drop');
    const { editionId } = await createEdition(creator, {
      content,
      manifest: zeroHash,
      licence: 0,
      royaltyReceiver: payout,
      royaltyBps: 0,
      maxSupply: 10,
      closeAt: 0,
      referralBps: 0,
      phases: [publicPhase(now, now + 2, PRICE)],
    });
    const USD = 2_500_000n; // 2.5 tUSD (6 decimals)
    await addEditionPhase(creator, {
      editionId,
      phase: publicPhase(now + 2, now + 100_000, USD),
      currency: f.stablecoin,
    });
    expect(
      await f.t.publicClient.readContract({
        address: f.editions,
        abi: editionsAbi,
        functionName: 'phaseCurrency',
        args: [editionId, 1n],
      }),
    ).toBe(f.stablecoin);
    await f.warpTo(now + 3);
    const token = { address: f.stablecoin, abi: motifTestUsdAbi } as const;
    const mintHash = await fan.walletClient.writeContract({
      ...token,
      functionName: 'mint',
      args: [fanAddress, 10_000_000n],
      chain: fan.walletClient.chain,
    });
    await f.t.publicClient.waitForTransactionReceipt({ hash: mintHash });
    const ethBefore = await f.t.publicClient.getBalance({ address: fanAddress });
    const minted = await mintEdition(fan, {
      editionId,
      phase: 1,
      quantity: 2,
      price: USD,
      currency: f.stablecoin,
      authorisation: { mode: 'public' },
    });
    expect(minted.paid).toBe(2n * USD);
    const read = (functionName: 'balanceOf', account: Address) =>
      f.t.publicClient.readContract({ ...token, functionName, args: [account] });
    expect(await read('balanceOf', fanAddress)).toBe(10_000_000n - 2n * USD);
    // Approved exactly the payment, all spent.
    expect(
      await f.t.publicClient.readContract({ ...token, functionName: 'allowance', args: [fanAddress, f.editions] }),
    ).toBe(0n);
    expect(
      await f.t.publicClient.readContract({
        address: f.editions,
        abi: editionsAbi,
        functionName: 'currencyCreditsOf',
        args: [payout, f.stablecoin],
      }),
    ).toBe(2n * USD);
    // Only gas left the wallet in ETH (no payment): far below the ETH price of one copy.
    expect(ethBefore - (await f.t.publicClient.getBalance({ address: fanAddress }))).toBeLessThan(PRICE / 10n);
    // Paying in ETH in the token phase is refused by the contract.
    expect(
      await refusal(
        mintEdition(fan, { editionId, phase: 1, quantity: 1, price: USD, authorisation: { mode: 'public' } }),
      ),
    ).toBe('WrongPayment');
  });
});
