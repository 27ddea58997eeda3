import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { getAddress, toHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeTrack, resign } from '../../test/provenance/fixtures';
import { localDevAccounts } from '../chain/dev-accounts';
import { trackIdOf } from '../contracts/track-id';
import { createPrismaClient } from '../db/client';
import { GalleryCache } from '../gallery/gallery-cache';
import { parseGalleryQuery } from '../gallery/gallery-query';
import { listTracks } from '../gallery/list-tracks';
import { cidOfFolder } from '../ipfs/cid-of-files';
import { HeliaStorage } from '../ipfs/helia-storage';
import { contentDigestOfCid } from '../provenance/digest';
import { METADATA_STREAM, resolvePendingMetadata } from './resolve-metadata';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_002;
const COLLECTION = getAddress('0x5fbdb2315678afecb367f032d93f642f64180aa3');
const [creatorKey, strangerKey] = localDevAccounts(2);
const creator = privateKeyToAccount(creatorKey!.privateKey);
const stranger = privateKeyToAccount(strangerKey!.privateKey);
let dir: string;
let storage: HeliaStorage;
const enc = new TextEncoder();
const json = (value: unknown) => enc.encode(JSON.stringify(value));
const resolve = (options: { retryAfterS?: number } = {}) =>
  resolvePendingMetadata({ prisma, chainId: CHAIN, collection: COLLECTION, storage, ...options });

/** A Track row as the indexer writes it from TrackMinted (the mint itself is the indexer test's concern). */
async function track(mint: {
  tokenId: bigint;
  creator: Address;
  contentDigest: Hex;
  manifestDigest?: Hex;
  block?: bigint;
}) {
  await prisma.track.create({
    data: {
      chainId: CHAIN,
      tokenId: mint.tokenId.toString(),
      creator: mint.creator,
      owner: mint.creator,
      contentDigest: mint.contentDigest,
      manifestDigest: mint.manifestDigest ?? toHex(0n, { size: 32 }),
      licence: 7,
      royaltyReceiver: mint.creator,
      royaltyBps: 0,
      mintedBlock: mint.block ?? 1n,
      mintedTx: toHex(mint.tokenId, { size: 32 }),
    },
  });
}
const row = (tokenId: bigint) =>
  prisma.track.findUniqueOrThrow({ where: { chainId_tokenId: { chainId: CHAIN, tokenId: tokenId.toString() } } });
const clear = () =>
  Promise.all([
    prisma.track.deleteMany({ where: { chainId: CHAIN } }),
    prisma.chainCursor.deleteMany({ where: { chainId: CHAIN } }),
  ]);

beforeAll(async () => {
  dir = await mkdtemp(path.join(inject('servicesDir'), 'metadata-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  await clear();
});
afterAll(async () => {
  await clear();
  await prisma.$disconnect();
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

describe('resolvePendingMetadata', () => {
  it('fills the gallery columns from metadata.json, records failures, and retries a folder pinned later', async () => {
    await clear();
    const good = await storage.addFolder([
      {
        path: 'metadata.json',
        content: json({
          name: 'Harbour Reel',
          description: 'A reel',
          genre: 'Folk',
          key: 'D major',
          bpm: 112,
          duration: 93.5,
          ai_disclosure: { model: 'motif-melody-2x256-v1' },
        }),
      },
    ]);
    const bad = await storage.addFolder([{ path: 'metadata.json', content: enc.encode('{"name": ""}') }]);
    const later = [{ path: 'metadata.json', content: json({ name: 'Late Tune' }) }];
    const laterCid = await cidOfFolder(later);
    const ids = [good.cid, bad.cid, laterCid].map((cid) => trackIdOf(creator.address, contentDigestOfCid(cid)));
    for (const [i, cid] of [good.cid, bad.cid, laterCid].entries())
      await track({ tokenId: ids[i]!, creator: creator.address, contentDigest: contentDigestOfCid(cid) });

    expect(await resolve()).toEqual({ resolved: 1, failed: 2 });
    const [first, second, third] = await Promise.all(ids.map(row));
    expect(first).toMatchObject({
      title: 'Harbour Reel',
      genre: 'Folk',
      musicalKey: 'D major',
      bpm: 112,
      durationMs: 93_500,
      modelId: 'motif-melody-2x256-v1',
      metadataError: null,
    });
    // No manifest.json in the folder: nobody's signed track, and that cannot change under the folder's CID.
    expect(first).toMatchObject({
      authorship: 'unverified',
      authorshipReason: 'no signed manifest: manifest.json is missing',
    });
    expect(second?.metadataError).toMatch(/usable name/);
    expect(third?.metadataError).toMatch(/No content|not/i);
    expect(third).toMatchObject({
      authorship: 'pending',
      authorshipReason: expect.stringMatching(/^not checked yet: /),
    });

    // Not retried before retryAfterS; retried after, once the folder exists.
    await storage.addFolder(later);
    expect(await resolve()).toEqual({ resolved: 0, failed: 0 });
    expect(await resolve({ retryAfterS: 0 })).toEqual({ resolved: 1, failed: 1 });
    expect(await row(ids[2]!)).toMatchObject({ title: 'Late Tune', authorship: 'unverified' });
  });

  it('verifies the creator who signed the manifest and marks a stranger minting the same folder unverified, out of the gallery', async () => {
    await clear();
    const fixture = await makeTrack(creator, CHAIN, COLLECTION);
    const folder = await storage.addFolder([
      { path: 'audio.wav', content: fixture.wav },
      { path: 'manifest.json', content: json(fixture.signed) },
      { path: 'metadata.json', content: json({ name: 'Signed Tune', genre: 'Ambient' }) },
      { path: 'track.mid', content: fixture.midi },
    ]);
    const contentDigest = contentDigestOfCid(folder.cid);
    const mint = { contentDigest, manifestDigest: fixture.signed.manifestDigest };
    const byCreator = trackIdOf(creator.address, contentDigest);
    const byStranger = trackIdOf(stranger.address, contentDigest);
    await track({ ...mint, tokenId: byCreator, creator: creator.address, block: 10n });
    await track({ ...mint, tokenId: byStranger, creator: stranger.address, block: 11n });
    const cache = new GalleryCache(prisma, CHAIN, { versionCheckMs: 0 });
    const galleryQuery = parseGalleryQuery(new URLSearchParams(''));
    expect(JSON.parse((await cache.get(galleryQuery)).body)).toMatchObject({ items: [], total: 0 }); // pending: not shown yet

    expect(await resolve()).toEqual({ resolved: 2, failed: 0 });
    expect(await row(byCreator)).toMatchObject({
      authorship: 'verified',
      authorshipReason: null,
      title: 'Signed Tune',
    });
    const squatted = await row(byStranger);
    expect(squatted.authorship).toBe('unverified');
    expect(squatted.authorshipReason).toBe(
      `minted by ${stranger.address}, but the signed manifest names ${creator.address}`,
    );

    // The default gallery lists the creator's token only, and the cached gallery sees the check without a new block.
    const page = await listTracks(prisma, CHAIN, galleryQuery);
    expect(page.items.map((t) => [t.tokenId, t.creator, t.title])).toEqual([
      [byCreator.toString(), creator.address, 'Signed Tune'],
    ]);
    expect(JSON.parse((await cache.get(galleryQuery)).body)).toMatchObject({
      total: 1,
      items: [{ tokenId: byCreator.toString() }],
    });
    expect(
      await prisma.chainCursor.findUnique({ where: { chainId_stream: { chainId: CHAIN, stream: METADATA_STREAM } } }),
    ).toMatchObject({ blockNumber: 1n });
    // Settled tracks are not read again.
    expect(await resolve({ retryAfterS: 0 })).toEqual({ resolved: 0, failed: 0 });
  });

  it('marks unverified a v1 id, a manifest digest the mint does not record, and a signature for another collection or signer', async () => {
    await clear();
    const fixture = await makeTrack(creator, CHAIN, COLLECTION);
    const otherCollection = await resign(
      creator,
      fixture.manifest,
      CHAIN,
      getAddress('0x0000000000000000000000000000000000c0ffee'),
    );
    const forged = {
      ...fixture.signed,
      signature: (await resign(stranger, fixture.manifest, CHAIN, COLLECTION)).signature,
    };
    const folders = await Promise.all(
      [fixture.signed, otherCollection, forged].map((signed) =>
        storage.addFolder([
          { path: 'manifest.json', content: json(signed) },
          { path: 'metadata.json', content: json({ name: 'Tune' }) },
        ]),
      ),
    );
    const [real, wrongCollection, wrongSigner] = folders.map((f) => contentDigestOfCid(f.cid));
    const manifestDigest = fixture.signed.manifestDigest;
    const cases = [
      {
        tokenId: BigInt(real!),
        contentDigest: real!,
        manifestDigest,
        reason: /^token id \d+ is not the minter's id for this folder/,
      },
      {
        tokenId: trackIdOf(creator.address, real!),
        contentDigest: real!,
        manifestDigest: toHex(1n, { size: 32 }),
        reason: /^the mint records manifest digest 0x0{63}1, manifest.json has 0x/,
      },
      {
        tokenId: trackIdOf(creator.address, wrongCollection!),
        contentDigest: wrongCollection!,
        manifestDigest,
        reason: /^manifest signature: signed for collection 0x0000000000000000000000000000000000c0FFEE, expected/i,
      },
      {
        tokenId: trackIdOf(creator.address, wrongSigner!),
        contentDigest: wrongSigner!,
        manifestDigest,
        reason: /^manifest signature: the signature is not the creator/,
      },
    ];
    for (const c of cases) await track({ ...c, creator: creator.address });
    expect(await resolve()).toEqual({ resolved: cases.length, failed: 0 });
    for (const c of cases)
      expect(await row(c.tokenId)).toMatchObject({
        authorship: 'unverified',
        authorshipReason: expect.stringMatching(c.reason),
      });
    expect((await listTracks(prisma, CHAIN, parseGalleryQuery(new URLSearchParams('')))).total).toBe(0);
  });
});
