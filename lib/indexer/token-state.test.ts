import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import type { MotifContractName } from '../chain/contracts';
import { motifEventOf, type MotifEventArgs, type MotifEventName } from './decode-logs';
import { foldTokenEvents, type TokenEvent } from './token-state';

const A: Address = '0x00000000000000000000000000000000000000A1';
const B: Address = '0x00000000000000000000000000000000000000B2';
const COLLECTION: Address = '0x00000000000000000000000000000000000000C0';
const ZERO: Address = '0x0000000000000000000000000000000000000000';
const DIGEST = `0x${'c'.repeat(64)}` as const;
let n = 0;
/**
 * A stored event row read back as the indexer does (motifEventOf): a wrong name or argument type does not compile, a
 * row that does not match the ABI throws.
 */
function ev<C extends MotifContractName, N extends MotifEventName<C>>(
  contract: C,
  name: N,
  args: MotifEventArgs<C, N>,
): TokenEvent {
  const event = motifEventOf({ contract, name, args });
  if (!event) throw new Error(`${contract}.${name}: the row does not match the ABI`);
  return { ...event, blockNumber: BigInt(++n), txHash: `0x${n}`, logIndex: 0 };
}
const market = { collection: COLLECTION, tokenId: '1' };
const minted = [
  ev('TrackCollection', 'Transfer', { from: ZERO, to: A, id: '1' }),
  ev('TrackCollection', 'TrackMinted', {
    tokenId: '1',
    creator: A,
    contentDigest: DIGEST,
    manifestDigest: DIGEST,
    licence: 3,
    royaltyReceiver: A,
    royaltyBps: 500,
  }),
];

describe('foldTokenEvents', () => {
  it('builds the track from its mint and follows transfers', () => {
    const { track } = foldTokenEvents([...minted, ev('TrackCollection', 'Transfer', { from: A, to: B, id: '1' })]);
    expect(track).toMatchObject({ creator: A, owner: B, licence: 3, royaltyBps: 500, contentDigest: DIGEST });
  });

  it('keeps a listing until it is cancelled, sold, or the token moves', () => {
    const listed = [
      ...minted,
      ev('Market', 'Listed', { ...market, seller: A, price: '100', expiry: '2000000000' }),
      ev('Market', 'ListingUpdated', { ...market, price: '150' }),
    ];
    expect(foldTokenEvents(listed).listing).toMatchObject({ seller: A, priceWei: '150', expiry: 2_000_000_000n });
    expect(foldTokenEvents([...listed, ev('Market', 'ListingCancelled', market)]).listing).toBeNull();
    const sale = { ...market, buyer: B, seller: A, price: '150', royaltyReceiver: A, royalty: '7', fee: '3' };
    expect(foldTokenEvents([...listed, ev('Market', 'Sale', sale)]).listing).toBeNull();
    expect(
      foldTokenEvents([...listed, ev('TrackCollection', 'Transfer', { from: A, to: B, id: '1' })]).listing,
    ).toBeNull();
  });

  it('has no track without a mint event', () => {
    expect(
      foldTokenEvents([ev('Market', 'Listed', { ...market, seller: A, price: '1', expiry: '0' })]).track,
    ).toBeNull();
  });
});
