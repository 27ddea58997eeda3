import { keccak256, toBytes } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cidOfBytes, cidOfFolder } from '../ipfs/cid-of-files';
import { CHAIN_ID, COLLECTION, EDITS, makeTrack } from '../../test/provenance/fixtures';
import { canonicalJson } from './canonical';
import { cidOfContentDigest, contentDigestOfCid, manifestDigestOf, NotAContentCidError } from './digest';
import { IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, IPTC_TRAINED_ALGORITHMIC_MEDIA } from './disclosure';
import { InvalidManifestError } from './errors';
import { MANIFEST_JSON_SCHEMA_PATH, manifestJsonSchemaText } from './json-schema';
import { parseManifest } from './manifest';
import { parseSignedManifest, verifyManifestSignature } from './signed-manifest';
import { parseTrackTarget } from './target';

const creator = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff80');
const other = privateKeyToAccount(generatePrivateKey());

describe('manifest digest', () => {
  it('is keccak256 of the RFC 8785 bytes, independent of key order, as a bytes32', async () => {
    const { manifest } = await makeTrack(creator, CHAIN_ID, COLLECTION);
    const digest = manifestDigestOf(manifest);
    expect(digest).toMatch(/^0x[0-9a-f]{64}$/);
    expect(digest).toBe(keccak256(toBytes(canonicalJson(manifest))));
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(manifest).reverse()))) as unknown;
    expect(manifestDigestOf(reordered)).toBe(digest);
    expect(manifestDigestOf({ ...manifest, createdAt: '2026-11-24T10:01:00.001Z' })).not.toBe(digest);
  });

  it('maps a folder CID to the contract content digest and back', async () => {
    const cid = await cidOfFolder([{ path: 'a', content: new Uint8Array([1]) }]);
    const digest = contentDigestOfCid(cid);
    expect(cidOfContentDigest(digest).equals(cid)).toBe(true);
    expect(cid.toString().startsWith('bafybei')).toBe(true);
  });

  it('refuses raw-leaf CIDs as content ids', async () => {
    const raw = await cidOfBytes(new Uint8Array([1, 2, 3]));
    expect(() => contentDigestOfCid(raw)).toThrow(NotAContentCidError);
  });
});

describe('EIP-712 manifest signatures (viem local accounts)', () => {
  it('verifies the creator over digest, chain and collection', async () => {
    const { signed } = await makeTrack(creator, CHAIN_ID, COLLECTION);
    expect(signed.signature.domain).toEqual({
      name: 'Motif',
      version: '1',
      chainId: CHAIN_ID,
      verifyingContract: COLLECTION,
    });
    const ok = await verifyManifestSignature({
      signed,
      expectedDomain: { chainId: CHAIN_ID, verifyingContract: COLLECTION },
    });
    expect(ok.valid).toBe(true);
    expect(parseSignedManifest(JSON.parse(JSON.stringify(signed)))).toEqual(signed);
  });

  it('fails for another signer, another chain, another collection and a tampered digest', async () => {
    const { signed } = await makeTrack(creator, CHAIN_ID, COLLECTION);
    const forged = {
      ...signed,
      signature: {
        ...signed.signature,
        value: await other.signTypedData({
          domain: signed.signature.domain,
          types: {
            TrackManifest: [
              { name: 'creator', type: 'address' },
              { name: 'manifestDigest', type: 'bytes32' },
              { name: 'manifestVersion', type: 'uint16' },
            ],
          },
          primaryType: 'TrackManifest',
          message: { creator: creator.address, manifestDigest: signed.manifestDigest, manifestVersion: 1 },
        }),
      },
    };
    expect((await verifyManifestSignature({ signed: forged })).valid).toBe(false);
    expect(
      (await verifyManifestSignature({ signed, expectedDomain: { chainId: 1, verifyingContract: COLLECTION } })).reason,
    ).toMatch(/chain 31337, expected 1/);
    expect(
      (
        await verifyManifestSignature({
          signed,
          expectedDomain: { chainId: CHAIN_ID, verifyingContract: other.address },
        })
      ).valid,
    ).toBe(false);
    // a signature moved to another domain (replayed on another chain) does not verify there
    const moved = { ...signed, signature: { ...signed.signature, domain: { ...signed.signature.domain, chainId: 1 } } };
    expect((await verifyManifestSignature({ signed: moved })).valid).toBe(false);
    const tampered = structuredClone(signed);
    tampered.manifest.generation.seed = 99;
    expect((await verifyManifestSignature({ signed: tampered })).reason).toMatch(/canonical digest/);
  });
});

describe('manifest schema', () => {
  it('derives the IPTC disclosure from the edit log', async () => {
    const edited = await makeTrack(creator, CHAIN_ID, COLLECTION);
    expect(edited.manifest.aiDisclosure).toEqual({
      digitalSourceType: IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
      humanEdited: true,
    });
    expect(edited.manifest.edits.summary).toEqual({
      total: 2,
      transpose: 0,
      setTempo: 0,
      setInstrument: 0,
      setMute: 0,
      setSolo: 0,
      addNote: 1,
      removeNote: 0,
      updateNote: 1,
      regenerateBar: 0,
    });
    expect(edited.manifest.edits.log).toEqual({ version: 1, ops: EDITS });
    const raw = await makeTrack(creator, CHAIN_ID, COLLECTION, { editLog: [] });
    expect(raw.manifest.aiDisclosure).toEqual({
      digitalSourceType: IPTC_TRAINED_ALGORITHMIC_MEDIA,
      humanEdited: false,
    });
  });

  it('refuses a disclosure, summary, steps or licence that do not follow from the rest', async () => {
    const { manifest } = await makeTrack(creator, CHAIN_ID, COLLECTION);
    expect(() =>
      parseManifest({
        ...manifest,
        aiDisclosure: { digitalSourceType: IPTC_TRAINED_ALGORITHMIC_MEDIA, humanEdited: false },
      }),
    ).toThrow(/aiDisclosure/);
    expect(() =>
      parseManifest({ ...manifest, edits: { ...manifest.edits, summary: { ...manifest.edits.summary, addNote: 0 } } }),
    ).toThrow(/edits.summary/);
    expect(() => parseManifest({ ...manifest, generation: { ...manifest.generation, chordsPerBar: ['C'] } })).toThrow(
      /chordsPerBar/,
    );
    expect(() =>
      parseManifest({
        ...manifest,
        generation: { ...manifest.generation, primer: { type: 'melody', notes: [], totalSteps: 32 } },
      }),
    ).toThrow(/primer/);
    expect(() =>
      parseManifest({
        ...manifest,
        edits: {
          ...manifest.edits,
          log: {
            version: 1,
            ops: [{ op: 'add-note', note: { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4 } }],
          },
        },
      }),
    ).toThrow(/edits.log/);
    expect(() => parseManifest({ ...manifest, licence: { id: 0, name: 'CC-BY-4.0' } })).toThrow(/licence/);
    expect(() => parseManifest({ ...manifest, extra: 1 })).toThrow(InvalidManifestError);
    expect(() => parseManifest({ ...manifest, model: { ...manifest.model, weightsCid: 'not-a-cid' } })).toThrow(
      /weightsCid/,
    );
  });

  it('the published JSON Schema equals the one generated from the zod schema', () => {
    expect(readFileSync(MANIFEST_JSON_SCHEMA_PATH, 'utf8')).toBe(manifestJsonSchemaText());
  });

  it('parses what people type as a token id or a CID', () => {
    expect(parseTrackTarget('42')).toEqual({ tokenId: 42n });
    expect(parseTrackTarget(`0x${'ab'.repeat(32)}`)).toEqual({ tokenId: BigInt(`0x${'ab'.repeat(32)}`) });
    expect(
      'cid' in parseTrackTarget('ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/metadata.json'),
    ).toBe(true);
    expect(() => parseTrackTarget('hello')).toThrow(/neither/);
  });
});
