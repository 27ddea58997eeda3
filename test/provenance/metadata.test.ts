/**
 * metadata.json as the pin route builds it (app/api/tracks/pin/handler.ts with a real Helia node): every musical
 * field follows the final arrangement after the edits (a transpose moves the key, setTempo the bpm), the duration is
 * the WAV's own length and says it includes the render tail, note counts are track.mid's; credits are never empty
 * and name the model as a tool; and every folder's metadata.json validates against Catalog's music metadata schema
 * and EIP-721's metadata schema (docs/provenance/schemas/, compiled with ajv).
 */
import tonejsMidi from '@tonejs/midi';
import { CID } from 'multiformats/cid';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPinTrackHandler, type PinTrackResponse } from '../../app/api/tracks/pin/handler';
import { arrange } from '../../lib/generation/arrangement/arrange';
import { applyEdits } from '../../lib/generation/edit-log/apply';
import type { EditOp } from '../../lib/generation/edit-log/schema';
import { arrangementToMidi, midiToNotes } from '../../lib/generation/export/midi';
import { encodeWav16 } from '../../lib/generation/export/wav';
import { renderArrangement } from '../../lib/generation/render/js-renderer';
import { cidOfBytes, cidOfFolder } from '../../lib/ipfs/cid-of-files';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { sniffWav } from '../../lib/tracks/sniff';
import { readAll } from '../../lib/ipfs/storage';
import { buildTrackFolder } from '../../lib/tracks/track-folder';
import { editedMusic, keyAfterEdits } from '../../lib/provenance/edited-music';
import { buildManifest } from '../../lib/provenance/manifest';
import { CATALOG_METADATA_VERSION, MODEL_COLLABORATOR_TYPE, type TrackMetadata } from '../../lib/provenance/metadata';
import { signManifest } from '../../lib/provenance/signed-manifest';
import { verifyTrack, verifyTrackFiles, type TrackFiles } from '../../lib/provenance/verify-track';
import { CHAIN_ID, COLLECTION, fakeReplay, makeTrack, manifestParams, REQUEST } from './fixtures';
import { validateTrackMetadata } from './metadata-schemas';
import { testC2pa } from './c2pa-fixtures';

// @tonejs/midi is CommonJS: Node's ESM loader exposes only its default export.
const { Midi } = tonejsMidi;
const creator = privateKeyToAccount('0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6');
let dir: string;
let storage: HeliaStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-metadata-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

const PROFILE_NAME = 'Ada Lovelace';
const handler = createPinTrackHandler({
  storage: async () => storage,
  signingDomain: async () => ({ chainId: CHAIN_ID, verifyingContract: COLLECTION }),
  metadataDefaults: async () => ({ artist: PROFILE_NAME, siteOrigin: 'https://motif.example' }),
  c2pa: testC2pa,
  retry: { baseDelayMs: 1, randomize: false },
});

type Upload = { wav: Uint8Array; midi: Uint8Array; signedJson: string; fields: Record<string, string> };

function form(u: Upload): FormData {
  const f = new FormData();
  f.set('wav', new Blob([new Uint8Array(u.wav)], { type: 'audio/wav' }), 'audio.wav');
  f.set('midi', new Blob([new Uint8Array(u.midi)], { type: 'audio/midi' }), 'track.mid');
  f.set('manifest', u.signedJson);
  for (const [k, v] of Object.entries(u.fields)) f.set(k, v);
  return f;
}

async function pin(u: Upload): Promise<Response> {
  return handler(new Request('http://localhost/api/tracks/pin', { method: 'POST', body: form(u) }));
}

/** Pins and reads the folder's metadata.json back from the IPFS node; checks it against both published schemas. */
async function pinAndRead(u: Upload): Promise<{ body: PinTrackResponse; metadata: TrackMetadata }> {
  const res = await pin(u);
  expect(res.status).toBe(201);
  const body = (await res.json()) as PinTrackResponse;
  const bytes = await readAll(storage.cat(CID.parse(body.cid), { path: 'metadata.json' }));
  const metadata = JSON.parse(new TextDecoder().decode(bytes)) as TrackMetadata;
  expect(validateTrackMetadata(metadata)).toEqual([
    { schema: 'catalog', errors: [] },
    { schema: 'erc721', errors: [] },
  ]);
  return { body, metadata };
}

describe('key and tempo after the edits', () => {
  it('a transpose of the harmony moves the key; the melody alone does not; ops add up and wrap', () => {
    const c = { key: 'C', scale: 'major', tempo: 96 } as const;
    const all: EditOp = { op: 'transpose', semitones: 1, tracks: ['melody', 'chords', 'bass'] };
    expect(editedMusic(c, [all])).toMatchObject({ keyLabel: 'Db major', transposedSemitones: 1, bpm: 96 });
    expect(keyAfterEdits(c, [{ op: 'transpose', semitones: 5, tracks: ['melody'] }]).key).toBe('C');
    expect(keyAfterEdits({ key: 'B' }, [all]).key).toBe('C');
    expect(keyAfterEdits(c, [all, { op: 'transpose', semitones: -3, tracks: ['chords', 'drums'] }]).key).toBe('Bb');
    expect(
      editedMusic({ key: 'A', scale: 'harmonicMinor', tempo: 90 }, [
        { op: 'setTempo', bpm: 100 },
        { op: 'setTempo', bpm: 72.5 },
      ]),
    ).toMatchObject({ keyLabel: 'A harmonic minor', bpm: 72.5 });
  });
});

describe('metadata.json through the pin route', () => {
  it('a studio arrangement transposed to D-flat and re-tempoed: key, bpm, duration and note counts follow the final arrangement; MIDI and WAV agree', async () => {
    const composed = arrange({
      melody: [
        { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 },
        { pitch: 64, quantizedStartStep: 4, quantizedEndStep: 8, velocity: 100 },
        { pitch: 67, quantizedStartStep: 16, quantizedEndStep: 24, velocity: 100 },
      ],
      progression: ['C', 'G'],
      bars: REQUEST.bars,
      tempo: REQUEST.tempo,
      key: REQUEST.key,
      scale: REQUEST.scale,
      style: REQUEST.style,
    });
    const ops: EditOp[] = [
      { op: 'transpose', semitones: 1, tracks: ['melody', 'chords', 'bass'] },
      { op: 'setTempo', bpm: 100 },
      {
        op: 'addNote',
        track: 'melody',
        note: { pitch: 73, quantizedStartStep: 24, quantizedEndStep: 28, velocity: 90 },
      },
    ];
    const final = applyEdits(composed, ops);
    const midi = arrangementToMidi(final, { title: `Motif ${editedMusic(composed, ops).keyLabel}` });
    const wav = encodeWav16(renderArrangement(final, { sampleRate: 8000 }));
    const params = await manifestParams(creator.address, wav, midi, ops);
    const manifest = buildManifest({
      ...params,
      notes: { ...params.notes, finalCount: final.tracks.reduce((n, t) => n + t.notes.length, 0) },
    });
    const signed = await signManifest({
      manifest,
      chainId: CHAIN_ID,
      verifyingContract: COLLECTION,
      sign: (td) => creator.signTypedData(td),
    });

    const { body, metadata } = await pinAndRead({
      wav,
      midi,
      signedJson: JSON.stringify(signed),
      fields: { name: 'Db Study', genre: 'Ambient', description: 'Transposed up a semitone' },
    });
    // the generated key was C major: the metadata names the key the track is in now
    expect(manifest.generation).toMatchObject({ key: 'C', scale: 'major', tempo: 96 });
    expect(metadata).toMatchObject({
      key: 'Db major',
      bpm: 100,
      version: CATALOG_METADATA_VERSION,
      title: 'Db Study',
      name: 'Db Study',
      mimeType: 'audio/wav',
      project: null,
    });
    expect(metadata.attributes).toEqual(
      expect.arrayContaining([
        { trait_type: 'Key', value: 'Db major' },
        { trait_type: 'BPM', value: 100, display_type: 'number' },
      ]),
    );
    expect(metadata.motif.transposed_semitones).toBe(1);
    // duration: the WAV's length, which is the song (2 bars at 100 BPM = 4.8 s) plus the 1 s render tail
    expect(metadata.duration).toBe(sniffWav(wav).durationSeconds);
    expect(metadata.motif.duration).toEqual({
      audio_seconds: 5.8,
      song_seconds: 4.8,
      render_tail_seconds: 1,
      includes_render_tail: true,
    });
    // MIDI agrees with the metadata: its tempo is the bpm, its notes are the counts
    const imported = midiToNotes(midi);
    expect(imported.tempo).toBe(metadata.bpm);
    expect(new Midi(midi).header.name).toBe(`Motif ${metadata.key}`);
    const counts = Object.fromEntries(final.tracks.map((t) => [t.id, t.notes.length]));
    expect(metadata.motif.notes).toEqual({ ...counts, total: manifest.notes.finalCount });
    expect(imported.tracks.map((t) => t.notes.length)).toEqual(final.tracks.map((t) => t.notes.length));
    // links into the folder, and the track still verifies
    expect(metadata.losslessAudio).toBe(metadata.animation_url);
    expect(metadata.artwork).toEqual({ uri: metadata.image, mimeType: 'image/svg+xml', nft: null });
    expect(metadata.external_url).toBe(`https://motif.example/profiles/${creator.address}`);
    const verified = await verifyTrack({ cid: body.cid, storage, replay: fakeReplay });
    expect(verified.checks.filter((c) => !c.pass && !c.skipped)).toEqual([]);
  });

  it('credits: the profile name by default, never empty, the model as a tool; the form artist, credits and ISRC when given', async () => {
    const track = await makeTrack(creator, CHAIN_ID, COLLECTION);
    const upload = { wav: track.wav, midi: track.midi, signedJson: JSON.stringify(track.signed) };
    const modelId = track.manifest.model.id;

    const plain = await pinAndRead({ ...upload, fields: { name: 'Plain', genre: 'Ambient' } });
    expect(plain.metadata.artist).toBe(PROFILE_NAME);
    expect(plain.metadata.credits).toEqual([
      { name: PROFILE_NAME, collaboratorType: 'Artist' },
      { name: modelId, collaboratorType: MODEL_COLLABORATOR_TYPE },
    ]);
    expect(plain.metadata).not.toHaveProperty('isrc');

    const credited = await pinAndRead({
      ...upload,
      fields: {
        name: 'Credited',
        genre: 'Ambient',
        artist: 'The Analytical Engines',
        isrc: 'gb-xyz-26-00042',
        credits: JSON.stringify([{ name: 'Charles Babbage', role: 'Producer' }]),
      },
    });
    expect(credited.metadata.artist).toBe('The Analytical Engines');
    expect(credited.metadata.isrc).toBe('GBXYZ2600042');
    expect(credited.metadata.credits).toEqual([
      { name: 'The Analytical Engines', collaboratorType: 'Artist' },
      { name: 'Charles Babbage', collaboratorType: 'Producer' },
      { name: modelId, collaboratorType: MODEL_COLLABORATOR_TYPE },
    ]);
    // no person is credited as the model's author, and the model is never the artist
    expect(credited.metadata.credits.filter((c) => c.name === modelId)).toEqual([
      { name: modelId, collaboratorType: MODEL_COLLABORATOR_TYPE },
    ]);
  });

  it('refuses an ISRC that is not one and a credit that claims the model', async () => {
    const track = await makeTrack(creator, CHAIN_ID, COLLECTION);
    const upload = { wav: track.wav, midi: track.midi, signedJson: JSON.stringify(track.signed) };
    const badIsrc = await pin({ ...upload, fields: { name: 'X', genre: 'Ambient', isrc: 'not-an-isrc' } });
    expect(badIsrc.status).toBe(400);
    expect(JSON.stringify(await badIsrc.json())).toMatch(/isrc/);
    const aiCredit = await pin({
      ...upload,
      fields: { name: 'X', genre: 'Ambient', credits: JSON.stringify([{ name: 'The model', role: 'AI composer' }]) },
    });
    expect(aiCredit.status).toBe(400);
    expect(JSON.stringify(await aiCredit.json())).toMatch(/credited as a tool/);
  });

  it('the verifier re-derives the key, bpm and duration: a metadata.json that misstates them fails the files check', async () => {
    const transposed: EditOp[] = [{ op: 'transpose', semitones: 1, tracks: ['melody', 'chords', 'bass'] }];
    const track = await makeTrack(creator, CHAIN_ID, COLLECTION, { editLog: transposed });
    const folder = await buildTrackFolder({
      wav: track.wav,
      midi: track.midi,
      signed: track.signed,
      metadata: track.metadata,
    });
    expect(folder.metadata.key).toBe('Db major');
    for (const [field, lie] of [
      ['key', 'C major'],
      ['bpm', 120],
      ['duration', 180],
    ] as const) {
      const files: TrackFiles = new Map();
      for (const f of folder.files) {
        const content =
          f.path === 'metadata.json'
            ? new TextEncoder().encode(JSON.stringify({ ...folder.metadata, [field]: lie }))
            : f.content;
        files.set(f.path, { cid: await cidOfBytes(content), bytes: content });
      }
      const cid = await cidOfFolder([...files].map(([p, f]) => ({ path: p, content: f.bytes })));
      const result = await verifyTrackFiles({ cid, files, replay: fakeReplay });
      expect(result.checks.find((c) => c.name === 'files')).toMatchObject({
        pass: false,
        reason: expect.stringContaining(`metadata ${field} ${lie} is not`),
      });
    }
  });

  it('the kept schemas reject metadata that breaks them (a test that can fail)', () => {
    const [catalog, erc721] = validateTrackMetadata({ name: 7, title: 'No artist' });
    expect(catalog?.errors.join(' ')).toMatch(/artist/);
    expect(erc721?.errors.join(' ')).toMatch(/\/name must be string/);
  });
});
