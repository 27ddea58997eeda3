/**
 * Tamper tests: each manifest field (and each file) changed, either by a forger who cannot sign as the creator
 * (old signature kept) or by a creator who signs a false manifest (re-signed); verification must fail with the right
 * checks named. The chain check is skipped here (no chain) and covered in mint-verify.test.ts on a real anvil.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cidOfBytes, cidOfFolder } from '../../lib/ipfs/cid-of-files';
import { coverSvgBytes } from '../../lib/generation/export/cover';
import { notesFromMidi } from '../../lib/generation/export/midi';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import type { FolderFile } from '../../lib/ipfs/storage';
import {
  buildTrackFolder,
  DEFAULT_SITE_ORIGIN,
  ManifestMismatchError,
  pinFolderVerified,
  pinTrack,
} from '../../lib/tracks/track-folder';
import { encodeStreamMp3 } from '../../lib/tracks/stream-mp3';
import { sha256Hex } from '../../lib/provenance/digest';
import { manifestDigestOf } from '../../lib/provenance/digest';
import { validateTrackMetadata } from './metadata-schemas';
import { aiDisclosureFor, summarizeEdits } from '../../lib/provenance/disclosure';
import type { TrackManifest } from '../../lib/provenance/manifest-schema';
import { buildTrackMetadata } from '../../lib/provenance/metadata';
import { trackFacts } from '../../lib/provenance/track-facts';
import type { SignedManifest } from '../../lib/provenance/signed-manifest';
import {
  verifyTrack,
  verifyTrackFiles,
  type TrackFiles,
  type VerifyTrackResult,
} from '../../lib/provenance/verify-track';
import { CHAIN_ID, COLLECTION, fakeReplay, makeTrack, makeWav, resign, type TrackFixture } from './fixtures';

const creator = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const forger = privateKeyToAccount(generatePrivateKey());
const enc = new TextEncoder();
let track: TrackFixture;

/** The folder as buildTrackFolder lays it out, but without its checks, so a tampered folder can be assembled. */
async function assemble(parts: {
  wav: Uint8Array;
  midi: Uint8Array;
  signed: SignedManifest;
  cover?: Uint8Array;
}): Promise<FolderFile[]> {
  const cover = parts.cover ?? coverSvgBytes(notesFromMidi(parts.midi), { title: track.metadata.name });
  const manifestBytes = enc.encode(`${JSON.stringify(parts.signed, null, 2)}\n`);
  const metadata = buildTrackMetadata({
    input: track.metadata,
    manifest: parts.signed.manifest,
    manifestDigest: parts.signed.manifestDigest,
    facts: trackFacts(parts.signed.manifest, parts),
    cids: { cover: (await cidOfBytes(cover)).toString(), manifest: (await cidOfBytes(manifestBytes)).toString() },
    siteOrigin: DEFAULT_SITE_ORIGIN,
  });
  return [
    { path: 'audio.wav', content: parts.wav },
    { path: 'track.mid', content: parts.midi },
    { path: 'cover.svg', content: cover },
    { path: 'manifest.json', content: manifestBytes },
    { path: 'metadata.json', content: enc.encode(`${JSON.stringify(metadata, null, 2)}\n`) },
  ];
}

async function verifyFolder(files: FolderFile[]): Promise<VerifyTrackResult> {
  const map: TrackFiles = new Map();
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1)))
    map.set(f.path, { cid: await cidOfBytes(f.content), bytes: f.content });
  return verifyTrackFiles({ cid: await cidOfFolder(files), files: map, replay: fakeReplay });
}

const failed = (r: VerifyTrackResult) =>
  r.checks
    .filter((c) => !c.pass && !c.skipped)
    .map((c) => c.name)
    .sort();

/** Same signature, manifest changed (a forger): the digest no longer matches what the creator signed. */
async function forged(change: (m: TrackManifest) => TrackManifest): Promise<VerifyTrackResult> {
  const manifest = change(structuredClone(track.manifest));
  const signed: SignedManifest = { ...track.signed, manifest, manifestDigest: manifestDigestOf(manifest) };
  return verifyFolder(await assemble({ wav: track.wav, midi: track.midi, signed }));
}

/** Re-signed by `by` (the creator signing a false manifest, or someone else). */
async function resigned(change: (m: TrackManifest) => TrackManifest, by = creator): Promise<VerifyTrackResult> {
  const signed = await resign(by, change(structuredClone(track.manifest)), CHAIN_ID, COLLECTION);
  return verifyFolder(await assemble({ wav: track.wav, midi: track.midi, signed }));
}

beforeAll(async () => {
  track = await makeTrack(creator, CHAIN_ID, COLLECTION);
});

describe('an honest track', () => {
  it('passes every check but the chain (skipped without a chain)', async () => {
    const r = await verifyFolder(await assemble(track));
    expect(failed(r)).toEqual([]);
    expect(r.checks.map((c) => c.name)).toEqual([
      'manifest',
      'files',
      'c2pa',
      'watermark',
      'signature',
      'replay',
      'chain',
    ]);
    expect(r.checks.find((c) => c.name === 'chain')).toMatchObject({ pass: false, skipped: true });
    expect(r.ok).toBe(false); // not verified until the chain was checked
  });
});

describe('generation parameters: a forger breaks the signature, a lying creator breaks the replay', () => {
  const cases: [string, (m: TrackManifest) => TrackManifest][] = [
    ['seed', (m) => ({ ...m, generation: { ...m.generation, seed: 4321 } })],
    ['temperature', (m) => ({ ...m, generation: { ...m.generation, temperature: 0.9 } })],
    [
      'primer',
      (m) => ({
        ...m,
        generation: {
          ...m.generation,
          primer: { type: 'melody', notes: [{ pitch: 62, quantizedStartStep: 0, quantizedEndStep: 4 }], totalSteps: 4 },
        },
      }),
    ],
    [
      'chord progression',
      (m) => ({ ...m, generation: { ...m.generation, primer: { type: 'chords', progression: ['Am', 'F'] } } }),
    ],
    ['bars', (m) => ({ ...m, generation: { ...m.generation, bars: 3, chordsPerBar: ['C', 'G', 'C'] } })],
    ['key and scale', (m) => ({ ...m, generation: { ...m.generation, key: 'A', scale: 'minor' } })],
    ['snap to scale', (m) => ({ ...m, generation: { ...m.generation, snapToScale: !m.generation.snapToScale } })],
    ['model id (the request modelId)', (m) => ({ ...m, model: { ...m.model, id: 'motif/another-model' } })],
    [
      'model weights CID',
      (m) => ({
        ...m,
        model: { ...m.model, weightsCid: 'bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku' },
      }),
    ],
    [
      'recorded NoteSequence digest',
      (m) => ({ ...m, notes: { ...m.notes, generatedDigest: `sha256:${'a'.repeat(64)}` } }),
    ],
  ];
  it.each(cases)('%s, old signature kept -> signature and replay fail', async (_name, change) => {
    expect(failed(await forged(change))).toEqual(['replay', 'signature']);
  });
  it.each(cases)('%s, re-signed by the creator -> replay fails', async (_name, change) => {
    expect(failed(await resigned(change))).toEqual(['replay']);
  });
});

describe('other manifest fields: the signature catches them', () => {
  const cases: [string, (m: TrackManifest) => TrackManifest][] = [
    ['creator', (m) => ({ ...m, creator: forger.address })],
    ['creation time', (m) => ({ ...m, createdAt: '2020-01-01T00:00:00.000Z' })],
    ['licence', (m) => ({ ...m, licence: { id: 0, name: 'CBE-PUBLIC' } })],
    ['render settings', (m) => ({ ...m, render: { ...m.render, instrument: 'Sampler piano' } })],
    ['tempo', (m) => ({ ...m, generation: { ...m.generation, tempo: 120 } })],
    ['drum style', (m) => ({ ...m, generation: { ...m.generation, style: 'rock' } })],
    ['final notes digest', (m) => ({ ...m, notes: { ...m.notes, finalDigest: `sha256:${'b'.repeat(64)}` } })],
    [
      'edit log (consistently: an edit hidden, summary and disclosure rewritten)',
      (m) => {
        const log: TrackManifest['edits']['log'] = { version: 1, ops: [] };
        return { ...m, edits: { log, summary: summarizeEdits(log.ops) }, aiDisclosure: aiDisclosureFor(log.ops) };
      },
    ],
  ];
  it.each(cases)('%s, old signature kept -> signature fails', async (_name, change) => {
    expect(failed(await forged(change))).toEqual(['signature']);
  });

  it('edit log changed without its derived fields -> the manifest is invalid (and nothing else can be trusted)', async () => {
    const r = await forged((m) => ({
      ...m,
      edits: { ...m.edits, log: { ...m.edits.log, ops: m.edits.log.ops.slice(1) } },
    }));
    expect(failed(r)).toEqual(['manifest', 'replay', 'signature', 'watermark']);
    expect(r.checks.find((c) => c.name === 'manifest')?.reason).toMatch(/edits.summary|aiDisclosure/);
  });

  it('AI disclosure chosen freely (claims no human edits) -> manifest invalid', async () => {
    const r = await forged((m) => ({ ...m, aiDisclosure: aiDisclosureFor([]) }));
    expect(failed(r)).toContain('manifest');
  });

  it('signed by someone other than the creator -> signature fails', async () => {
    const r = await resigned((m) => m, forger);
    expect(failed(r)).toEqual(['signature']);
    expect(r.checks.find((c) => c.name === 'signature')?.reason).toMatch(/not the creator/);
  });
});

describe('files: any changed byte or CID is caught by the files check', () => {
  it('a changed audio byte', async () => {
    const wav = track.wav.slice();
    wav[100] = (wav[100] ?? 0) ^ 1;
    const r = await verifyFolder(await assemble({ ...track, wav }));
    expect(failed(r)).toEqual(['files']);
    expect(r.checks.find((c) => c.name === 'files')?.reason).toMatch(/audio.wav sha256/);
  });

  it('a changed MIDI byte', async () => {
    const midi = track.midi.slice();
    midi[midi.length - 6] = (midi[midi.length - 6] ?? 0) ^ 1;
    expect(failed(await verifyFolder(await assemble({ ...track, midi })))).toEqual(['files']);
  });

  it('the audio CID in the manifest, re-signed by the creator', async () => {
    const r = await resigned((m) => ({
      ...m,
      files: {
        ...m.files,
        audio: { ...m.files.audio, cid: 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4' },
      },
    }));
    expect(failed(r)).toEqual(['files']);
  });

  it('the audio digest in the manifest, old signature kept', async () => {
    const r = await forged((m) => ({
      ...m,
      files: { ...m.files, audio: { ...m.files.audio, sha256: `0x${'c'.repeat(64)}` } },
    }));
    expect(failed(r)).toEqual(['files', 'signature']);
  });

  it('a cover that is not drawn from the notes', async () => {
    expect(
      failed(
        await verifyFolder(
          await assemble({ ...track, cover: enc.encode('<svg xmlns="http://www.w3.org/2000/svg"/>') }),
        ),
      ),
    ).toEqual(['files']);
  });

  it('a file whose bytes do not give the CID the folder links', async () => {
    const files = await assemble(track);
    const map: TrackFiles = new Map();
    for (const f of files) map.set(f.path, { cid: await cidOfBytes(f.content), bytes: f.content });
    const wav = map.get('audio.wav');
    if (wav) map.set('audio.wav', { cid: wav.cid, bytes: wav.bytes.slice(0, -2) });
    const r = await verifyTrackFiles({ cid: await cidOfFolder(files), files: map, replay: fakeReplay });
    expect(r.checks.find((c) => c.name === 'files')?.reason).toMatch(/its bytes give/);
  });

  it('pinning refuses uploads that are not the bytes the manifest describes', async () => {
    const { buildTrackFolder } = await import('../../lib/tracks/track-folder');
    const wav = track.wav.slice();
    wav[200] = (wav[200] ?? 0) ^ 1;
    await expect(
      buildTrackFolder({ wav, midi: track.midi, signed: track.signed, metadata: track.metadata }),
    ).rejects.toBeInstanceOf(ManifestMismatchError);
  });
});

describe('with a real Helia node', () => {
  let dir: string;
  let storage: HeliaStorage;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'motif-provenance-helia-'));
    storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  });
  afterAll(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pins a track folder (verified CIDs) and verifies it back from its CID', async () => {
    const pinned = await pinTrack(storage, track);
    expect(Object.keys(pinned.files).sort()).toEqual([
      'audio.wav',
      'cover.svg',
      'manifest.json',
      'metadata.json',
      'track.mid',
    ]);
    expect(pinned.cid).toBe((await cidOfFolder(await assemble(track))).toString());
    const r = await verifyTrack({ cid: pinned.cid, storage, replay: fakeReplay });
    expect(failed(r)).toEqual([]);
    expect(r.manifestDigest).toBe(track.signed.manifestDigest);
    const noReplay = await verifyTrack({ cid: pinned.cid, storage });
    expect(noReplay.checks.find((c) => c.name === 'replay')).toMatchObject({ skipped: true, pass: false });
  });

  it('pins a streaming copy and an uploaded cover inside the folder: metadata names them, verify passes, a changed stream fails', async () => {
    const stream = await encodeStreamMp3(track.wav, { kbps: 32 });
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const folder = await buildTrackFolder({ ...track, stream, cover: png });
    const pinned = await pinFolderVerified(storage, folder.files, folder.expected);
    expect(Object.keys(pinned.files).sort()).toEqual([
      'audio.wav',
      'cover.png',
      'cover.svg',
      'manifest.json',
      'metadata.json',
      'stream.mp3',
      'track.mid',
    ]);
    const m = folder.metadata;
    expect(m.motif.stream).toEqual({
      uri: `ipfs://${pinned.files['stream.mp3']?.cid}`,
      mimeType: 'audio/mpeg',
      bitrate_kbps: 32,
      size: stream.byteLength,
      sha256: sha256Hex(stream),
    });
    // the WAV stays the original: animation_url and losslessAudio; the uploaded cover is the image
    expect(m.animation_url).toBe(`ipfs://${pinned.files['audio.wav']?.cid}`);
    expect(m.losslessAudio).toBe(m.animation_url);
    expect(m.image).toBe(`ipfs://${pinned.files['cover.png']?.cid}`);
    expect(m.artwork).toEqual({ uri: m.image, mimeType: 'image/png', nft: null });
    expect(m.motif.generated_cover).toBe(`ipfs://${pinned.files['cover.svg']?.cid}`);
    expect(validateTrackMetadata(m).flatMap((v) => v.errors)).toEqual([]);
    expect(failed(await verifyTrack({ cid: pinned.cid, storage, replay: fakeReplay }))).toEqual([]);

    const swap = (name: string, content: Uint8Array) =>
      verifyFolder(folder.files.map((f) => (f.path === name ? { path: name, content } : f)));
    const other = await encodeStreamMp3(track.wav, { kbps: 40 });
    const r = await swap('stream.mp3', other);
    expect(failed(r)).toEqual(['files']);
    expect(r.checks.find((c) => c.name === 'files')?.reason).toMatch(/stream\.mp3 is \d+ bytes, metadata says/);
    const short = await swap('stream.mp3', await encodeStreamMp3(makeWav(2), { kbps: 32 }));
    expect(short.checks.find((c) => c.name === 'files')?.reason).toMatch(/stream\.mp3 lasts 2\.\d+ s/);
    const gif = await swap('cover.png', enc.encode('GIF89a'));
    expect(gif.checks.find((c) => c.name === 'files')?.reason).toMatch(/cover\.png is not a PNG, JPEG or WebP image/);
  });

  it('refuses an uploaded cover that is not an image and a stream that is not MP3 (415)', async () => {
    await expect(buildTrackFolder({ ...track, cover: enc.encode('<svg/>') })).rejects.toThrow(
      'cover must be a PNG, JPEG or WebP image',
    );
    await expect(buildTrackFolder({ ...track, stream: track.wav })).rejects.toThrow(/stream must be an MP3/);
    await expect(buildTrackFolder({ ...track, cover: new Uint8Array(2 * 1024 * 1024 + 1) })).rejects.toThrow(
      /cover is 2\.0 MiB; the limit is 2 MiB/,
    );
  });

  it('reports a CID the node does not hold as a failed files check, not a crash', async () => {
    const r = await verifyTrack({
      cid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
      storage,
      replay: fakeReplay,
    });
    expect(r.ok).toBe(false);
    expect(r.checks.find((c) => c.name === 'files')?.reason).toMatch(/could not read the folder/);
    expect(r.checks.find((c) => c.name === 'manifest')?.pass).toBe(false);
  });
});
