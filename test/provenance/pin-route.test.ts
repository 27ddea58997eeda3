import type { Address } from 'viem';
import { trackIdOf } from '../../lib/contracts/track-id';
/** The pin route's handler (app/api/tracks/pin/handler.ts) with a real Helia node: validation, limits, sniffing, pinning. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPinTrackHandler, type PinTrackResponse } from '../../app/api/tracks/pin/handler';
import { cidOfFolder } from '../../lib/ipfs/cid-of-files';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { TRACK_LIMITS } from '../../lib/provenance/track-limits';
import { encodeStreamMp3 } from '../../lib/tracks/stream-mp3';
import type { IpfsStorage } from '../../lib/ipfs/storage';
import { buildTrackFolder } from '../../lib/tracks/track-folder';
import { readTrackFiles, verifyTrack } from '../../lib/provenance/verify-track';
import { CHAIN_ID, COLLECTION, fakeReplay, makeTrack, type TrackFixture } from './fixtures';
import { testC2pa } from './c2pa-fixtures';
import { splitC2paChunk } from '../../lib/provenance/c2pa/essence';
import { CID } from 'multiformats/cid';

const creator = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
let dir: string;
let storage: HeliaStorage;
let track: TrackFixture;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-pin-route-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  track = await makeTrack(creator, CHAIN_ID, COLLECTION);
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

const handler = (over: Partial<Parameters<typeof createPinTrackHandler>[0]> = {}) =>
  createPinTrackHandler({
    storage: async () => storage,
    signingDomain: async () => ({ chainId: CHAIN_ID, verifyingContract: COLLECTION }),
    c2pa: testC2pa,
    retry: { baseDelayMs: 1, randomize: false },
    ...over,
  });

function form(
  parts: { wav?: Uint8Array; midi?: Uint8Array; manifest?: string; fields?: Record<string, string> } = {},
): FormData {
  const f = new FormData();
  f.set('wav', new Blob([new Uint8Array(parts.wav ?? track.wav)], { type: 'audio/wav' }), 'audio.wav');
  f.set('midi', new Blob([new Uint8Array(parts.midi ?? track.midi)], { type: 'audio/midi' }), 'track.mid');
  f.set('manifest', parts.manifest ?? JSON.stringify(track.signed));
  for (const [k, v] of Object.entries(
    parts.fields ?? {
      name: track.metadata.name,
      description: 'A test',
      genre: 'Ambient',
      credits: JSON.stringify([{ name: 'Ada', role: 'composer' }]),
    },
  ))
    f.set(k, v);
  return f;
}

const post = (body: FormData | string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/tracks/pin', { method: 'POST', body, headers });

describe('POST /api/tracks/pin', () => {
  it('pins the folder and answers { cid, files } with the digests to mint', async () => {
    const res = await handler()(post(form()));
    expect(res.status).toBe(201);
    const body = (await res.json()) as PinTrackResponse;
    // audio.wav is the upload with a C2PA manifest embedded (signed afresh on each pin); every other file is as built
    const { files } = await readTrackFiles(storage, CID.parse(body.cid));
    const audio = files.get('audio.wav')?.bytes ?? new Uint8Array();
    expect(splitC2paChunk(audio).essence).toEqual(track.wav);
    expect(splitC2paChunk(audio).manifestStore).not.toBeNull();
    const folder = await buildTrackFolder({
      wav: track.wav,
      midi: track.midi,
      signed: track.signed,
      metadata: track.metadata,
    });
    for (const f of folder.files)
      if (f.path !== 'audio.wav' && f.path !== 'metadata.json') expect(files.get(f.path)?.bytes).toEqual(f.content);
    expect(body.cid).toBe((await cidOfFolder([...files].map(([p, f]) => ({ path: p, content: f.bytes })))).toString());
    expect(Object.keys(body.files).sort()).toEqual([
      'audio.wav',
      'cover.svg',
      'manifest.json',
      'metadata.json',
      'track.mid',
    ]);
    expect(body.manifestDigest).toBe(track.signed.manifestDigest);
    // The id the creator (the manifest's signer) gets when minting: creator << 96 | low 96 bits of the digest.
    expect(body.tokenId).toBe(trackIdOf(track.signed.manifest.creator as Address, body.contentDigest).toString());
    const verified = await verifyTrack({
      cid: body.cid,
      storage,
      replay: fakeReplay,
      c2pa: { trustAnchorsPem: (await testC2pa()).trustAnchorsPem },
    });
    expect(verified.checks.filter((c) => !c.pass && !c.skipped)).toEqual([]);
    expect(verified.checks.find((c) => c.name === 'c2pa')).toMatchObject({ pass: true });
    expect(verified.checks.find((c) => c.name === 'c2pa')?.skipped).toBeUndefined();
  });

  it('413 with the limit in the message for an oversized part', async () => {
    const limits = { ...TRACK_LIMITS, wav: 1000 };
    const res = await handler({ limits })(post(form()));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/wav is .*the limit is 1000 B \(1000 bytes\)/);
    const midiLimit = await handler({ limits: { ...TRACK_LIMITS, midi: 10 } })(post(form()));
    expect(midiLimit.status).toBe(413);
  });

  it('pins the streaming copy and an uploaded cover parts inside the folder; 415/413 name a wrong or large one', async () => {
    const f = form();
    const stream = await encodeStreamMp3(track.wav, { kbps: 32 });
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    f.set('stream', new Blob([new Uint8Array(stream)], { type: 'audio/mpeg' }), 'stream.mp3');
    f.set('cover', new Blob([jpeg], { type: 'image/jpeg' }), 'cover.jpg');
    const res = await handler()(post(f));
    expect(res.status).toBe(201);
    const body = (await res.json()) as PinTrackResponse;
    expect(Object.keys(body.files)).toEqual(expect.arrayContaining(['stream.mp3', 'cover.jpg', 'cover.svg']));
    const verified = await verifyTrack({ cid: body.cid, storage, replay: fakeReplay });
    expect(verified.checks.filter((c) => !c.pass && !c.skipped)).toEqual([]);

    const png = form();
    png.set('cover', new Blob([new TextEncoder().encode('<svg/>')], { type: 'image/png' }), 'cover.png');
    const refused = await handler()(post(png));
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { error: string }).error).toMatch(/cover must be a PNG, JPEG or WebP image/);
    const large = form();
    large.set('cover', new Blob([jpeg]), 'cover.jpg');
    const tooLarge = await handler({ limits: { ...TRACK_LIMITS, cover: 10 } })(post(large));
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: string }).error).toMatch(/cover is 12 B; the limit is 10 B/);
  });

  it('413 from Content-Length before reading an oversized body', async () => {
    const res = await handler()(
      post('--x--', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(10 ** 10) }),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/request is .* the limit is/);
  });

  it('415 for audio that is not WAV, MIDI that is not MIDI, or a body that is not multipart', async () => {
    const mp3 = new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const notWav = await handler()(post(form({ wav: mp3 })));
    expect(notWav.status).toBe(415);
    expect(((await notWav.json()) as { error: string }).error).toMatch(/wav must be a RIFF\/WAVE/);
    const notMidi = await handler()(post(form({ midi: track.wav })));
    expect(notMidi.status).toBe(415);
    expect((await handler()(post('{}', { 'content-type': 'application/json' }))).status).toBe(415);
  });

  it('400 for missing or invalid fields', async () => {
    const res = await handler()(post(form({ fields: { genre: 'Ambient', credits: 'not json' } })));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: string[] };
    expect(body.issues.join('\n')).toMatch(/name/);
    expect(body.issues.join('\n')).toMatch(/credits/);
  });

  it('422 for an invalid manifest, another chain or collection, or bytes the manifest does not describe', async () => {
    expect((await handler()(post(form({ manifest: JSON.stringify({ ...track.signed, version: 3 }) })))).status).toBe(
      422,
    );
    const otherChain = await handler({ signingDomain: async () => ({ chainId: 1, verifyingContract: COLLECTION }) })(
      post(form()),
    );
    expect(otherChain.status).toBe(422);
    expect(((await otherChain.json()) as { error: string }).error).toMatch(/signature/);
    const wav = track.wav.slice();
    wav[60] = (wav[60] ?? 0) ^ 1;
    const mismatch = await handler()(post(form({ wav })));
    expect(mismatch.status).toBe(422);
    expect(((await mismatch.json()) as { error: string }).error).toMatch(/sha256/);
  });

  it('502 (nothing reported as pinned) when the backend keeps failing', async () => {
    let calls = 0;
    const failing: IpfsStorage = {
      backend: 'kubo',
      addFolder: async () => {
        calls++;
        throw Object.assign(new Error('fetch failed'), { code: 'ECONNREFUSED' });
      },
      addBytes: async () => {
        throw new Error('unused');
      },
      stat: async () => {
        throw new Error('unused');
      },
      cat: () => {
        throw new Error('unused');
      },
      getBlock: async () => {
        throw new Error('unused');
      },
      integrityFailures: async () => [],
      isPinned: async () => false,
      origins: async () => [],
      close: async () => undefined,
    };
    const res = await handler({
      storage: async () => failing,
      retry: { attempts: 3, baseDelayMs: 1, randomize: false },
    })(post(form()));
    expect(res.status).toBe(502);
    expect(calls).toBe(3);
  });
});
