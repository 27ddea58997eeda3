import { describe, expect, it } from 'vitest';
import { foldTokenEvents, type TokenEvent } from './token-state';

const A = '0x00000000000000000000000000000000000000A1';
const B = '0x00000000000000000000000000000000000000B2';
let n = 0;
const ev = (contract: string, name: string, args: TokenEvent['args']): TokenEvent => ({ contract, name, args, blockNumber: BigInt(++n), txHash: `0x${n}`, logIndex: 0 });
const minted = [
  ev('TrackCollection', 'Transfer', { from: '0x0000000000000000000000000000000000000000', to: A, tokenId: '1' }),
  ev('TrackCollection', 'TrackMinted', { tokenId: '1', creator: A, contentDigest: '0xc', manifestDigest: '0xm', licence: 3, royaltyReceiver: A, royaltyBps: 500 }),
];

describe('foldTokenEvents', () => {
  it('builds the track from its mint and follows transfers', () => {
    const { track } = foldTokenEvents([...minted, ev('TrackCollection', 'Transfer', { from: A, to: B, tokenId: '1' })]);
    expect(track).toMatchObject({ creator: A, owner: B, licence: 3, royaltyBps: 500, contentDigest: '0xc' });
  });

  it('keeps a listing until it is cancelled, sold, or the token moves', () => {
    const listed = [...minted, ev('Market', 'Listed', { seller: A, price: '100' }), ev('Market', 'ListingUpdated', { price: '150' })];
    expect(foldTokenEvents(listed).listing).toMatchObject({ seller: A, priceWei: '150' });
    expect(foldTokenEvents([...listed, ev('Market', 'ListingCancelled', {})]).listing).toBeNull();
    expect(foldTokenEvents([...listed, ev('Market', 'Sale', { buyer: B, price: '150' })]).listing).toBeNull();
    expect(foldTokenEvents([...listed, ev('TrackCollection', 'Transfer', { from: A, to: B, tokenId: '1' })]).listing).toBeNull();
  });

  it('has no track without a mint event', () => {
    expect(foldTokenEvents([ev('Market', 'Listed', { seller: A, price: '1' })]).track).toBeNull();
  });
});
