/** Builders shared by the provenance tests: real WAV/MIDI bytes, a built + signed manifest, a stand-in replay. */
import tonejsMidi from '@tonejs/midi';

// @tonejs/midi is CommonJS: Node's ESM loader exposes only its default export.
const { Midi } = tonejsMidi;
import type { Address, Hex, LocalAccount } from 'viem';
import { encodePcm16Wav } from '../../lib/generation/export/wav';
import { canonicalJson } from '../../lib/provenance/canonical';
import { sha256Hex } from '../../lib/provenance/digest';
import { buildManifest, type BuildManifestParameters } from '../../lib/provenance/manifest';
import { trackFileRecords } from '../../lib/provenance/track-file-records';
import type { EditOp } from '../../lib/generation/edit-log/schema';
import { defaultComposeRequest } from '../../lib/generation/compose/request';
import type { AnyTrackManifest, TrackManifest } from '../../lib/provenance/manifest-schema';
import { generationFromComposeRequest } from '../../lib/provenance/studio-session';
import type { TrackMetadataInput } from '../../lib/provenance/metadata';
import { MOTIF_SAMPLER } from '../../lib/provenance/replay-node';
import { signManifest, type SignedManifest } from '../../lib/provenance/signed-manifest';

export const WEIGHTS_CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

/** A 16-bit mono PCM WAV of `seconds` of a 440 Hz sine. */
export function makeWav(seconds = 0.25, sampleRate = 8000): Uint8Array {
  const samples = Int16Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) =>
    Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 8000),
  );
  return encodePcm16Wav(samples, 1, sampleRate);
}

export type Note = { pitch: number; quantizedStartStep: number; quantizedEndStep: number };

export const NOTES: Note[] = [
  { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4 },
  { pitch: 64, quantizedStartStep: 4, quantizedEndStep: 8 },
  { pitch: 67, quantizedStartStep: 8, quantizedEndStep: 14 },
  { pitch: 72, quantizedStartStep: 16, quantizedEndStep: 32 },
];

/** A Standard MIDI File of `notes` (4 steps per quarter, 480 ppq). */
export function makeMidi(notes: readonly Note[] = NOTES, bpm = 96): Uint8Array {
  const midi = new Midi();
  midi.header.setTempo(bpm);
  const track = midi.addTrack();
  const ticksPerStep = midi.header.ppq / 4;
  for (const n of notes)
    track.addNote({
      midi: n.pitch,
      ticks: n.quantizedStartStep * ticksPerStep,
      durationTicks: (n.quantizedEndStep - n.quantizedStartStep) * ticksPerStep,
      velocity: 0.8,
    });
  return midi.toArray();
}

/**
 * A stand-in for the model in unit tests: a digest that depends on exactly what a real replay depends on (weights,
 * seed, temperature, primer, chords, steps, sampler), so changing any of them changes the replayed digest.
 */
export async function fakeReplay(m: AnyTrackManifest): Promise<string> {
  // what the melody depends on (not tempo, drum style or instruments: they change the arrangement, not the melody)
  const { chordsPerBar: _chords, tempo: _tempo, style: _style, instruments: _instruments, ...g } = m.generation;
  const key = canonicalJson({ w: m.model.weightsCid, m: m.model.id, g });
  return `sha256:${sha256Hex(new TextEncoder().encode(key)).slice(2)}`;
}

/** Studio edit-log operations (lib/generation/edit-log/schema.ts). */
export const EDITS: EditOp[] = [
  {
    op: 'updateNote',
    track: 'melody',
    from: { pitch: 67, quantizedStartStep: 8, quantizedEndStep: 12, velocity: 100 },
    to: { pitch: 67, quantizedStartStep: 8, quantizedEndStep: 14, velocity: 100 },
  },
  { op: 'addNote', track: 'melody', note: { pitch: 72, quantizedStartStep: 16, quantizedEndStep: 32, velocity: 100 } },
];

/** The studio ComposeRequest the fixture manifests record (2 bars over C G). */
export const REQUEST = defaultComposeRequest({
  modelId: 'motif/melody-test',
  seed: 1234,
  temperature: 1.1,
  bars: 2,
  tempo: 96,
  primer: { type: 'chords', progression: ['C', 'G'] },
});

export type TrackFixture = {
  wav: Uint8Array;
  midi: Uint8Array;
  manifest: TrackManifest;
  signed: SignedManifest;
  metadata: TrackMetadataInput;
};

export async function manifestParams(
  creator: Address,
  wav: Uint8Array,
  midi: Uint8Array,
  editLog: EditOp[] = EDITS,
): Promise<BuildManifestParameters> {
  const base: BuildManifestParameters = {
    model: { id: 'motif/melody-test', family: 'MusicRNN', weightsCid: WEIGHTS_CID, backend: 'cpu' },
    generation: generationFromComposeRequest(REQUEST, ['C', 'G'], MOTIF_SAMPLER),
    notes: {
      generatedDigest: `sha256:${'0'.repeat(64)}`,
      finalDigest: `sha256:${'1'.repeat(64)}`,
      finalCount: NOTES.length,
    },
    editLog,
    render: {
      engine: 'tone@14.7.77 Offline PolySynth',
      instrument: 'PolySynth triangle',
      sampleRate: 8000,
      channels: 1,
      bitDepth: 16,
      durationSeconds: 0.25,
    },
    files: await trackFileRecords(wav, midi),
    creator,
    createdAt: '2026-11-24T10:01:00.000Z',
    licence: 'CC-BY-4.0',
  };
  const draft = buildManifest(base);
  return { ...base, notes: { ...base.notes, generatedDigest: await fakeReplay(draft) } };
}

export async function makeTrack(
  account: LocalAccount,
  chainId: number,
  collection: Address,
  options: {
    replay?: (m: AnyTrackManifest) => Promise<string>;
    editLog?: EditOp[];
    adjust?: (p: BuildManifestParameters) => BuildManifestParameters;
  } = {},
): Promise<TrackFixture> {
  const wav = makeWav();
  const midi = makeMidi();
  const base = await manifestParams(account.address, wav, midi, options.editLog);
  const params = options.adjust ? options.adjust(base) : base;
  let manifest = buildManifest(params);
  if (options.replay)
    manifest = buildManifest({
      ...params,
      notes: { ...params.notes, generatedDigest: await options.replay(manifest) },
    });
  const signed = await signManifest({
    manifest,
    chainId,
    verifyingContract: collection,
    sign: (td) => account.signTypedData(td),
  });
  return {
    wav,
    midi,
    manifest,
    signed,
    metadata: {
      name: 'Test Track',
      description: 'A test',
      genre: 'Ambient',
      credits: [{ name: 'Ada', role: 'composer' }],
    },
  };
}

/** Re-signs `manifest` with `account` (a creator who signs a false manifest, or another signer). */
export async function resign(
  account: LocalAccount,
  manifest: TrackManifest,
  chainId: number,
  collection: Address,
): Promise<SignedManifest> {
  return signManifest({ manifest, chainId, verifyingContract: collection, sign: (td) => account.signTypedData(td) });
}

export const COLLECTION: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
export const CHAIN_ID = 31337;
export type { Hex };
