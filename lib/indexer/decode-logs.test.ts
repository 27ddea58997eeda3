import { encodeAbiParameters, encodeEventTopics, getAbiItem, type Address, type Hex, type Log } from 'viem';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { MOTIF_ABIS, type MotifContractAddresses } from '../chain/contracts';
import { decodeMotifLogs, motifEventOf, type DecodedEvent, type MotifEvent, type MotifEventName } from './decode-logs';

const addresses: MotifContractAddresses = {
  TrackCollection: '0x00000000000000000000000000000000000000c1',
  SplitMain: '0x00000000000000000000000000000000000000c2',
  Market: '0x00000000000000000000000000000000000000c3',
  Editions: '0x00000000000000000000000000000000000000c4',
};
const seller: Address = '0x00000000000000000000000000000000000000A1';

/** A Market `Listed` log as the chain would return it, encoded from the generated ABI. */
function listedLog(collection: Address): Log {
  const abi = MOTIF_ABIS.Market;
  const item = getAbiItem({ abi, name: 'Listed' });
  const values = { collection, tokenId: 7n, seller, price: 10n ** 18n, expiry: 2_000_000_000n };
  const topics = encodeEventTopics({ abi, eventName: 'Listed', args: { collection, tokenId: 7n, seller } });
  const unindexed = item.inputs.filter((i) => !i.indexed);
  const data = encodeAbiParameters(
    unindexed,
    unindexed.map((i) => values[i.name as keyof typeof values]),
  );
  return {
    address: addresses.Market,
    topics: topics as [Hex, ...Hex[]],
    data,
    blockNumber: 5n,
    blockHash: `0x${'b'.repeat(64)}`,
    transactionHash: `0x${'a'.repeat(64)}`,
    logIndex: 2,
    transactionIndex: 0,
    removed: false,
  };
}

describe('decodeMotifLogs', () => {
  it('decodes a log into the typed event, uint256 as decimal strings, addresses checksummed', () => {
    const [event] = decodeMotifLogs([listedLog(addresses.TrackCollection)], addresses);
    expect(event).toMatchObject({ contract: 'Market', name: 'Listed', tokenId: 7n, blockNumber: 5n, logIndex: 2 });
    if (event?.contract !== 'Market' || event.name !== 'Listed') throw new Error('not a Listed event');
    // Narrowed by contract and name: the arguments are typed from the Solidity event.
    expectTypeOf(event.args.price).toEqualTypeOf<string>();
    expectTypeOf(event.args.seller).toEqualTypeOf<Address>();
    expect(event.args).toEqual({
      collection: '0x00000000000000000000000000000000000000C1',
      tokenId: '7',
      seller,
      price: '1000000000000000000',
      expiry: '2000000000',
    });
  });

  it('drops Market events about other collections and logs of other addresses', () => {
    expect(decodeMotifLogs([listedLog('0x00000000000000000000000000000000000000ff')], addresses)).toEqual([]);
    expect(
      decodeMotifLogs(
        [{ ...listedLog(addresses.TrackCollection), address: '0x00000000000000000000000000000000000000ee' }],
        addresses,
      ),
    ).toEqual([]);
  });
});

describe('motifEventOf (a stored row read back)', () => {
  const [stored] = decodeMotifLogs([listedLog(addresses.TrackCollection)], addresses);
  const row = { contract: 'Market', name: 'Listed', args: JSON.parse(JSON.stringify(stored?.args)) as unknown };

  it('accepts a row the indexer wrote, after a JSON round trip', () => {
    expect(motifEventOf(row)).toEqual({ contract: 'Market', name: 'Listed', args: stored?.args });
  });

  it('refuses an unknown contract, an unknown event, and arguments of the wrong type', () => {
    expect(motifEventOf({ ...row, contract: 'Auction' })).toBeNull();
    expect(motifEventOf({ ...row, name: 'Sold' })).toBeNull();
    expect(motifEventOf({ ...row, args: { ...stored?.args, price: 1 } })).toBeNull();
    expect(motifEventOf({ ...row, args: { ...stored?.args, seller: 'alice' } })).toBeNull();
    const withoutExpiry: Record<string, unknown> = { ...stored?.args };
    delete withoutExpiry.expiry;
    expect(motifEventOf({ ...row, args: withoutExpiry })).toBeNull();
    expect(motifEventOf({ ...row, args: [] })).toBeNull();
  });
});

describe('event names are the Solidity names (checked by tsc)', () => {
  it('a renamed or unknown event does not type-check', () => {
    expectTypeOf<'TrackMinted'>().toExtend<MotifEventName<'TrackCollection'>>();
    expectTypeOf<'Listed' | 'Sale'>().toExtend<MotifEventName<'Market'>>();
    // @ts-expect-error: TrackCollection emits TrackMinted; a code path still matching an old name fails tsc.
    expectTypeOf<'Minted'>().toExtend<MotifEventName<'TrackCollection'>>();
    // @ts-expect-error: Market has no `Sold` event.
    const name: MotifEventName<'Market'> = 'Sold';
    expect(name).toBe('Sold');
  });

  it('a comparison with a name the narrowed contract does not emit is a type error', () => {
    const events: DecodedEvent[] = decodeMotifLogs([listedLog(addresses.TrackCollection)], addresses);
    const names = events.map((e: MotifEvent) => {
      if (e.contract !== 'Market') return 'other';
      // @ts-expect-error: 'Listing' is not an event of Market (it is Listed): TS2367, no overlap.
      if (e.name === 'Listing') return 'never';
      return e.name;
    });
    expect(names).toEqual(['Listed']);
  });
});
