import { zeroHash } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionsAbi } from '../contracts/abi';
import { digestOf, publicPhase, startEditionsFixture, type EditionsFixture } from '../../test/editions/fixture';
import { airdrop } from './airdrop';
import { EditionRevertedError } from './clients';
import { createEdition } from './create-edition';

let f: EditionsFixture;
beforeAll(async () => {
  f = await startEditionsFixture();
});
afterAll(async () => {
  await f?.t.anvil.stop();
});

describe('airdrop', () => {
  it('mints numbered copies to each recipient within the cap; over the cap and by a non-creator are refused', async () => {
    const creator = await f.actor();
    const stranger = await f.actor();
    const now = await f.now();
    const { editionId } = await createEdition(creator, {
      content: digestOf('drop'),
      manifest: zeroHash,
      licence: 0,
      royaltyReceiver: '0x000000000000000000000000000000000000dEaD',
      royaltyBps: 0,
      maxSupply: 5,
      closeAt: 0,
      referralBps: 0,
      phases: [publicPhase(now, now + 100, 1n)],
    });
    const recipients = [(await f.actor()).walletClient.account.address, (await f.actor()).walletClient.account.address];
    const result = await airdrop(creator, { editionId, recipients, quantityEach: 2 });
    expect(result).toMatchObject({ firstNumber: 1, count: 4 });
    expect(
      await f.t.publicClient.readContract({
        address: f.editions,
        abi: editionsAbi,
        functionName: 'ownerOf',
        args: [editionId | 3n],
      }),
    ).toBe(recipients[1]);
    const over = await airdrop(creator, { editionId, recipients, quantityEach: 1 }).catch((e: unknown) => e);
    expect(over).toBeInstanceOf(EditionRevertedError);
    expect((over as EditionRevertedError).reason).toBe('SoldOut');
    const notCreator = await airdrop(stranger, { editionId, recipients: [recipients[0]!], quantityEach: 1 }).catch(
      (e: unknown) => e,
    );
    expect((notCreator as EditionRevertedError).reason).toBe('NotCreator');
  });
});
