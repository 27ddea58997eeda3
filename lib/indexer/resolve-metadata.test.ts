import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { HeliaStorage } from '../ipfs/helia-storage';
import { contentDigestOfCid } from '../provenance/digest';
import { resolvePendingMetadata } from './resolve-metadata';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_002;
let dir: string;
let storage: HeliaStorage;
const enc = new TextEncoder();

async function track(tokenId: string, contentDigest: `0x${string}`) {
  await prisma.track.create({
    data: { chainId: CHAIN, tokenId, creator: '0x0', owner: '0x0', contentDigest, manifestDigest: toHex(0n, { size: 32 }), licence: 1, royaltyReceiver: '0x0', royaltyBps: 0, mintedBlock: 1n, mintedTx: '0x0' },
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(inject('servicesDir'), 'metadata-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
});
afterAll(async () => {
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.$disconnect();
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

describe('resolvePendingMetadata', () => {
  it('fills the gallery columns from metadata.json, records failures, and retries a folder pinned later', async () => {
    const good = await storage.addFolder([
      { path: 'metadata.json', content: enc.encode(JSON.stringify({ name: 'Harbour Reel', description: 'A reel', genre: 'Folk', key: 'D major', bpm: 112, duration: 93.5, ai_disclosure: { model: 'motif-melody-2x256-v1' } })) },
    ]);
    const bad = await storage.addFolder([{ path: 'metadata.json', content: enc.encode('{"name": ""}') }]);
    const later = [{ path: 'metadata.json', content: enc.encode(JSON.stringify({ name: 'Late Tune' })) }];
    const { cidOfFolder } = await import('../ipfs/cid-of-files');
    const laterCid = await cidOfFolder(later);
    await track('1', contentDigestOfCid(good.cid));
    await track('2', contentDigestOfCid(bad.cid));
    await track('3', contentDigestOfCid(laterCid));

    expect(await resolvePendingMetadata({ prisma, chainId: CHAIN, storage })).toEqual({ resolved: 1, failed: 2 });
    const rows = await prisma.track.findMany({ where: { chainId: CHAIN }, orderBy: { tokenId: 'asc' } });
    expect(rows[0]).toMatchObject({ title: 'Harbour Reel', genre: 'Folk', musicalKey: 'D major', bpm: 112, durationMs: 93_500, modelId: 'motif-melody-2x256-v1', metadataError: null });
    expect(rows[1]?.metadataError).toMatch(/usable name/);
    expect(rows[2]?.metadataError).toMatch(/No content|not/i);

    // Not retried before retryAfterS; retried after, once the folder exists.
    await storage.addFolder(later);
    expect(await resolvePendingMetadata({ prisma, chainId: CHAIN, storage })).toEqual({ resolved: 0, failed: 0 });
    expect(await resolvePendingMetadata({ prisma, chainId: CHAIN, storage, retryAfterS: 0 })).toEqual({ resolved: 1, failed: 1 });
    expect((await prisma.track.findFirst({ where: { chainId: CHAIN, tokenId: '3' } }))?.title).toBe('Late Tune');
  });
});
