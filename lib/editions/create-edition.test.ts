import { zeroAddress, zeroHash } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionsAbi } from '../contracts/abi';
import { digestOf, publicPhase, startEditionsFixture, type EditionsFixture } from '../../test/editions/fixture';
import { EditionRevertedError } from './clients';
import { createEdition, InvalidEditionScheduleError, type CreateEditionParameters } from './create-edition';
import { editionIdOf } from './edition-id';

let f: EditionsFixture;
beforeAll(async () => {
  f = await startEditionsFixture();
});
afterAll(async () => {
  await f?.t.anvil.stop();
});

const terms = (content: `0x${string}`, now: number): CreateEditionParameters => ({
  content,
  manifest: digestOf('manifest'),
  licence: 7,
  royaltyReceiver: '0x000000000000000000000000000000000000dEaD',
  royaltyBps: 1000,
  maxSupply: 100,
  closeAt: 0,
  referralBps: 500,
  phases: [publicPhase(now, now + 3600, 10n ** 15n)],
});

describe('createEdition', () => {
  it("creates the sender's edition in its own id space, payout defaulting to the royalty receiver, phases stored", async () => {
    const clients = await f.actor();
    const now = await f.now();
    const content = digestOf('create-1');
    const created = await createEdition(clients, terms(content, now));
    expect(created.editionId).toBe(editionIdOf(clients.walletClient.account.address, content));
    expect(created.payout).toBe('0x000000000000000000000000000000000000dEaD');
    const [phase, root] = await f.t.publicClient.readContract({
      address: f.editions,
      abi: editionsAbi,
      functionName: 'phaseOf',
      args: [created.editionId, 0n],
    });
    expect(phase.price).toBe(10n ** 15n);
    expect(root).toBe(zeroHash);
  });

  it('refuses invalid schedules before sending, and a second edition of the same track (EditionExists) with the reason', async () => {
    const clients = await f.actor();
    const now = await f.now();
    const bad = {
      ...terms(digestOf('create-2'), now),
      phases: [publicPhase(now, now + 100, 1n), publicPhase(now + 50, now + 200, 1n)],
    };
    await expect(createEdition(clients, bad)).rejects.toBeInstanceOf(InvalidEditionScheduleError);
    await createEdition(clients, terms(digestOf('create-2'), now));
    const again = await createEdition(clients, terms(digestOf('create-2'), now)).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(EditionRevertedError);
    expect((again as EditionRevertedError).reason).toBe('EditionExists');
  });

  it('lets another creator create an edition of the same content only in their own space (no squatting)', async () => {
    const alice = await f.actor();
    const mallory = await f.actor();
    const now = await f.now();
    const content = digestOf('create-3');
    const mine = await createEdition(mallory, { ...terms(content, now), royaltyReceiver: zeroAddress, royaltyBps: 0 });
    const hers = await createEdition(alice, terms(content, now));
    expect(mine.editionId).not.toBe(hers.editionId);
    expect(hers.editionId >> 96n).toBe(BigInt(alice.walletClient.account.address));
  });
});
