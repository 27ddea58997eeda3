import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { CHAIN_ID, COLLECTION, makeTrack } from '../../test/provenance/fixtures';
import { signManifest } from '../provenance/signed-manifest';
import { provenanceSummary } from './track-page';

const creator = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff80');

describe('the track page provenance summary', () => {
  it('has no origin for a first mint', async () => {
    const { signed } = await makeTrack(creator, CHAIN_ID, COLLECTION);
    expect(provenanceSummary(JSON.parse(JSON.stringify(signed)))?.origin).toBeNull();
  });

  it('carries a re-minted track’s origin (chain, collection, token, manifest digest) from its signed manifest', async () => {
    const { manifest } = await makeTrack(creator, CHAIN_ID, COLLECTION);
    if (manifest.version !== 2) throw new Error('the fixture writes manifest v2');
    const origin = {
      chainId: 666_666_666,
      contract: COLLECTION,
      tokenId: '123456789',
      manifestDigest: `0x${'ab'.repeat(32)}` as const,
    };
    const signed = await signManifest({
      manifest: { ...manifest, origin },
      chainId: 31_338,
      verifyingContract: COLLECTION,
      sign: (td) => creator.signTypedData(td),
    });
    expect(provenanceSummary(JSON.parse(JSON.stringify(signed)))?.origin).toEqual(origin);
  });

  it('is null for what is not a Motif manifest', () => {
    expect(provenanceSummary({ hello: 'world' })).toBeNull();
  });
});
