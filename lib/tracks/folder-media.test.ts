import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_ID, COLLECTION, makeTrack, type TrackFixture } from '../../test/provenance/fixtures';
import { HeliaStorage } from '../ipfs/helia-storage';
import { DEFAULT_FOLDER_MEDIA, mediaOfFolder, readFolderMedia } from './folder-media';
import { encodeStreamMp3 } from './stream-mp3';
import { pinTrack } from './track-folder';
import { CID } from 'multiformats/cid';

const creator = privateKeyToAccount('0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6');
const WEBP = new Uint8Array([...new TextEncoder().encode('RIFF'), 4, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]);
let dir: string;
let storage: HeliaStorage;
let track: TrackFixture;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-folder-media-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  track = await makeTrack(creator, CHAIN_ID, COLLECTION);
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

describe('readFolderMedia', () => {
  it('names stream.mp3 and the uploaded cover when the folder pins them, audio.wav and cover.svg otherwise', async () => {
    const stream = await encodeStreamMp3(track.wav, { kbps: 32 });
    const full = await pinTrack(storage, { ...track, stream, cover: WEBP });
    expect(await readFolderMedia(storage, CID.parse(full.cid))).toEqual({ stream: 'stream.mp3', cover: 'cover.webp' });
    const plain = await pinTrack(storage, track);
    expect(await readFolderMedia(storage, CID.parse(plain.cid))).toEqual(DEFAULT_FOLDER_MEDIA);
    expect(DEFAULT_FOLDER_MEDIA).toEqual({ stream: 'audio.wav', cover: 'cover.svg' });
  });

  it('follows metadata: a file in the folder that metadata does not name (or names by another CID) is not used', async () => {
    const stream = await encodeStreamMp3(track.wav, { kbps: 32 });
    const full = await pinTrack(storage, { ...track, stream });
    const root = await storage.stat(CID.parse(full.cid));
    if (root.type !== 'directory') throw new Error('not a folder');
    const uri = `ipfs://${full.files['stream.mp3']?.cid}`;
    expect(mediaOfFolder(root.entries, { motif: { stream: { uri } } }).stream).toBe('stream.mp3');
    expect(mediaOfFolder(root.entries, { motif: {} }).stream).toBe('audio.wav');
    expect(mediaOfFolder(root.entries, { motif: { stream: { uri: `ipfs://${full.cid}` } } }).stream).toBe('audio.wav');
    expect(mediaOfFolder(root.entries, null)).toEqual(DEFAULT_FOLDER_MEDIA);
  });
});
