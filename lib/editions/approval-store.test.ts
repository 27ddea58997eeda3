import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  approvalBody,
  newSignatureEdition,
  SIGNATURE_PHASE_PRICE,
  type EditionsFixture,
  approvalStoreFixture,
} from '../../test/editions/fixture';
import { editionsAbi } from '../contracts/abi';
import { ApprovalError } from './approval-error';
import { findMintApproval, storeMintApproval, type ApprovalStoreDeps } from './approval-store';
import type { EditionsClients } from './clients';
import { mintEdition } from './mint-edition';

const fx = approvalStoreFixture(inject('databaseUrl'));
const prisma = fx.prisma;
let f: EditionsFixture;
let deps: ApprovalStoreDeps;
beforeAll(() => ({ f, deps } = fx));

const PRICE = SIGNATURE_PHASE_PRICE;
const signatureEdition = (creator: EditionsClients) => newSignatureEdition(f, creator);
const signed = (by: EditionsClients, approval: Parameters<typeof approvalBody>[2]) => approvalBody(f, by, approval);

async function refusal(editionId: bigint, body: unknown): Promise<ApprovalError> {
  const error = await storeMintApproval(deps, { editionId, body, nowSeconds: await f.now() }).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApprovalError)) throw new Error(`expected an ApprovalError, got ${String(error)}`);
  return error;
}

describe('mint approvals (anvil, PostgreSQL)', () => {
  it("stores the creator's approval; the collector finds it, mints with it once, and then has none", async () => {
    const creator = await f.actor();
    const fan = await f.actor();
    const fanAddress = fan.walletClient.account.address;
    const editionId = await signatureEdition(creator);
    const body = await signed(creator, { editionId, minter: fanAddress });
    const stored = await storeMintApproval(deps, { editionId, body, nowSeconds: await f.now() });
    expect(stored).toMatchObject({ editionId: editionId.toString(), phase: 0, minter: fanAddress, quantity: 2 });
    // Storing it again replaces it (one row per nonce).
    await storeMintApproval(deps, { editionId, body, nowSeconds: await f.now() });
    expect(await prisma.editionApproval.count({ where: { editionId: editionId.toString() } })).toBe(1);

    const found = await findMintApproval(deps, { editionId, phase: 0, account: fanAddress });
    expect(found).toEqual(stored);
    const minted = await mintEdition(fan, {
      editionId,
      phase: 0,
      quantity: found.quantity,
      price: PRICE,
      authorisation: {
        mode: 'signature',
        nonce: BigInt(found.nonce),
        deadline: BigInt(found.deadline),
        signature: found.signature,
      },
    });
    expect(minted.quantity).toBe(2);
    await expect(findMintApproval(deps, { editionId, phase: 0, account: fanAddress })).rejects.toMatchObject({
      reason: 'not-approved',
      status: 404,
    });
    // Nobody else finds the fan's approval, nor the fan in another phase.
    const other = (await f.actor()).walletClient.account.address;
    await expect(findMintApproval(deps, { editionId, phase: 0, account: other })).rejects.toThrow(ApprovalError);
  });

  it("refuses a stranger's signature, an expired approval, one for another edition, chain or a non-signature phase", async () => {
    const creator = await f.actor();
    const stranger = await f.actor();
    const fan = (await f.actor()).walletClient.account.address;
    const editionId = await signatureEdition(creator);
    const otherEdition = await signatureEdition(creator);

    const forged = await refusal(editionId, await signed(stranger, { editionId, minter: fan }));
    expect([forged.reason, forged.status]).toEqual(['bad-signature', 422]);
    expect(forged.shortMessage).toContain(creator.walletClient.account.address);

    const expired = await refusal(editionId, await signed(creator, { editionId, minter: fan, deadline: 1n }));
    expect([expired.reason, expired.status]).toEqual(['expired', 422]);

    const elsewhere = await refusal(editionId, await signed(creator, { editionId: otherEdition, minter: fan }));
    expect([elsewhere.reason, elsewhere.status]).toEqual(['wrong-edition', 422]);

    const chain = await refusal(editionId, { ...(await signed(creator, { editionId, minter: fan })), chainId: 1 });
    expect(chain.reason).toBe('wrong-chain');

    const publicPhaseApproval = await refusal(editionId, await signed(creator, { editionId, minter: fan, phase: 1n }));
    expect(publicPhaseApproval.reason).toBe('not-signature-phase');

    const malformed = await refusal(editionId, { approval: { minter: 'nope' } });
    expect([malformed.reason, malformed.status]).toEqual(['malformed', 400]);
    expect(malformed.issues.length).toBeGreaterThan(1);

    expect(await prisma.editionApproval.count({ where: { editionId: editionId.toString() } })).toBe(0);
  });

  it("once the creator names a mint signer, the signer's approvals are stored and the creator's own are refused", async () => {
    const creator = await f.actor();
    const signer = await f.actor();
    const fan = (await f.actor()).walletClient.account.address;
    const editionId = await signatureEdition(creator);
    const before = await signed(creator, { editionId, minter: fan });
    await storeMintApproval(deps, { editionId, body: before, nowSeconds: await f.now() });
    const hash = await creator.walletClient.writeContract({
      address: f.editions,
      abi: editionsAbi,
      functionName: 'setMintSigner',
      args: [signer.walletClient.account.address],
      chain: creator.walletClient.chain,
    });
    await f.t.publicClient.waitForTransactionReceipt({ hash });
    // The approval stored before is no longer handed out (the contract would refuse it).
    await expect(findMintApproval(deps, { editionId, phase: 0, account: fan })).rejects.toThrow(ApprovalError);
    expect((await refusal(editionId, await signed(creator, { editionId, minter: fan }))).reason).toBe('bad-signature');
    const bySigner = await storeMintApproval(deps, {
      editionId,
      body: await signed(signer, { editionId, minter: fan }),
      nowSeconds: await f.now(),
    });
    expect(await findMintApproval(deps, { editionId, phase: 0, account: fan })).toEqual(bySigner);
  });
});
