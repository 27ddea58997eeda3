/**
 * Builds the Motif Provenance 2.0 test vectors (docs/provenance/vectors/*.json) from the project's own code: every
 * expected value is what lib/ computes today, so `npm run provenance:vectors` regenerates the committed files and
 * test/provenance/vectors.test.ts fails when either drifts. Inputs are fixed (seeds, a public test key, fixed dates);
 * nothing depends on the clock or the machine.
 */
import path from 'node:path';
import { hashDomain, hashStruct, hashTypedData, recoverTypedDataAddress, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { arrange } from '../../lib/generation/arrangement/arrange';
import { DRUM_STYLES } from '../../lib/generation/arrangement/drums';
import { stepsPerBarOf } from '../../lib/generation/arrangement/meter';
import { suggestProgression } from '../../lib/generation/arrangement/progressions';
import { diatonicChord, snapToScale, type KeyName, type ScaleName } from '../../lib/generation/arrangement/theory';
import type { Arrangement } from '../../lib/generation/arrangement/types';
import { compose, primerFor, progressionFor, regenerateBar } from '../../lib/generation/compose/compose';
import { fastEventStepper } from '../../lib/generation/compose/fast-lstm';
import { defaultComposeRequest, type ComposeRequest } from '../../lib/generation/compose/request';
import { formDirectives, planForm, type FormPlan } from '../../lib/generation/compose/form-plan';
import { TUNE_MEMORY_FITS } from '../../lib/generation/models/tune-memory-fits';
import { defaultComposeForm, requestFromForm, withModelChoice } from '../../lib/studio/compose-form';
import type { TuneMemoryMixture } from '../../lib/generation/sampling/tune-memory';
import type { EditOp } from '../../lib/generation/edit-log/schema';
import { arrangementToMidi } from '../../lib/generation/export/midi';
import { encodePcm16Wav } from '../../lib/generation/export/wav';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../../lib/generation/models/node-loader';
import { familyOfModelId, getShippedModel, type ShippedModel } from '../../lib/generation/models/registry';
import { canonicalNotesJson, notesDigest } from '../../lib/generation/notes/digest';
import { melodyEventsFromNotes, notesFromMelodyEvents } from '../../lib/generation/notes/melody';
import { encodeProgression, stepControls } from '../../lib/generation/sampling/step-controls';
import { musicRnnInternals } from '../../lib/generation/sampling/musicrnn-internals';
import { Sfc32, sampleCategorical, sampleCategoricalMasked, seedToUint32 } from '../../lib/generation/sampling/prng';
import { onsetWeights, sampleEventsLoop, type EventStepper } from '../../lib/generation/sampling/sample-events';
import { cidOfBytes, cidOfFolder } from '../../lib/ipfs/cid-of-files';
import { UNIXFS_SETTINGS } from '../../lib/ipfs/unixfs-settings';
import { canonicalJson } from '../../lib/provenance/canonical';
import { manifestDigestOf, sha256Hex } from '../../lib/provenance/digest';
import { buildManifest } from '../../lib/provenance/manifest';
import { trackFileRecords } from '../../lib/provenance/track-file-records';
import type { TrackManifest, TrackManifestV1 } from '../../lib/provenance/manifest-schema';
import {
  arrangementFor,
  MOTIF_ARRANGEMENT,
  MOTIF_ARRANGEMENT_METER,
  MOTIF_SAMPLER,
  MOTIF_SAMPLER_FORM,
  MOTIF_SAMPLER_MEMORY,
  MOTIF_SAMPLER_ONSET,
  procedureLabel,
  samplerFor,
} from '../../lib/provenance/procedures';
import { signManifest } from '../../lib/provenance/signed-manifest';
import { generationFromComposeRequest, manifestNotes, melodyNotes } from '../../lib/provenance/studio-session';
import { humaniseOps } from '../../lib/studio/humanise';
import { manifestTypedData, manifestTypes } from '../../lib/provenance/typed-data';

export const SPEC_NAME = 'Motif Provenance 2.0';
/** Anvil's first public development key: a test key known to everyone, never for real funds. */
export const TEST_PRIVATE_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff80';
export const TEST_CHAIN_ID = 31337;
export const TEST_COLLECTION = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
export const TEST_CREATED_AT = '2026-12-01T12:00:00.000Z';

/** A JSON value as the vector files hold it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type VectorCase = { name: string; input: Json; expected: Json };
export type VectorFile = { spec: string; kind: string; description: string; cases: VectorCase[] };

/** Deterministic bytes for the multi-chunk CID cases: byte i = (i * 31 + 7) mod 256. */
export function patternBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + 7) & 0xff;
  return out;
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

/** A JSON clone typed as Json (the values here are plain data already; this drops `undefined` keys as JSON does). */
export function json(value: unknown): Json {
  const parsed: Json = JSON.parse(JSON.stringify(value));
  return parsed;
}

/**
 * Vector file text: 2-space JSON, except that arrays holding only numbers, strings or booleans, and objects of
 * scalars no longer than a line, stay on one line, so event sequences and notes read as rows.
 */
export function vectorText(file: VectorFile): string {
  const scalar = (v: Json): v is string | number | boolean | null => v === null || typeof v !== 'object';
  const fmt = (v: Json, indent: string): string => {
    if (scalar(v)) return JSON.stringify(v);
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      if (v.every(scalar)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
      const flat = `[${v.map((x) => fmt(x, inner)).join(', ')}]`;
      if (!flat.includes('\n') && flat.length <= 100) return flat;
      return `[\n${v.map((x) => inner + fmt(x, inner)).join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(v);
    if (entries.length === 0) return '{}';
    const flat = `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${fmt(x, inner)}`).join(', ')} }`;
    if (
      !flat.includes('\n') &&
      flat.length <= 100 &&
      entries.every(([, x]) => scalar(x) || (Array.isArray(x) && x.every(scalar)))
    )
      return flat;
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${fmt(x, inner)}`).join(',\n')}\n${indent}}`;
  };
  return `${fmt(json(file), '')}\n`;
}

const file = (kind: string, description: string, cases: VectorCase[]): VectorFile => ({
  spec: SPEC_NAME,
  kind,
  description,
  cases,
});

// ---------------------------------------------------------------------------------------------------------------
// PRNG and sampling

export function prngVectors(): VectorFile {
  const seeds: Array<number | string> = [0, 1, 42, 20261201, 0xffffffff, 'motif'];
  return file(
    'prng',
    'sfc32 seeded through splitmix32 with 12 warm-up outputs (SPEC.md, "The PRNG"): seed -> uint32 seed, first 8 uint32 outputs, then 4 floats from a fresh generator.',
    seeds.map((seed) => {
      const a = new Sfc32(seed);
      const b = new Sfc32(seed);
      return {
        name: `seed ${JSON.stringify(seed)}`,
        input: { seed },
        expected: {
          seedUint32: seedToUint32(seed),
          uint32: Array.from({ length: 8 }, () => a.nextUint32()),
          float: Array.from({ length: 4 }, () => b.nextFloat()),
        },
      };
    }),
  );
}

export function samplingVectors(): VectorFile {
  const logits = [2.5, -1, 0.125, 3.75, 3.75, -30, 1];
  const cases: VectorCase[] = [];
  for (const temperature of [1, 0.5, 2, 0]) {
    const rng = new Sfc32(7);
    const draws = Array.from({ length: 12 }, () => sampleCategorical(logits, temperature, rng));
    cases.push({
      name: `7 logits, temperature ${temperature}, seed 7`,
      input: { logits, temperature, seed: 7, draws: 12 },
      expected: { indices: draws },
    });
  }
  const f32 = Array.from(new Float32Array([0.1, 0.2, 0.30000001192092896, -0.7, 1.5]));
  const rng = new Sfc32(99);
  cases.push({
    name: 'float32 logits read as doubles, seed 99',
    input: { logits: f32, temperature: 0.9, seed: 99, draws: 10 },
    expected: { indices: Array.from({ length: 10 }, () => sampleCategorical(f32, 0.9, rng)) },
  });
  // sampler version 4's onset weight (7.15): no event and note-off keep their weight, every note-on's is multiplied
  for (const [onsetWeight, temperature] of [
    [1.3, 1.05],
    [0.5, 1],
    [2, 0],
  ] as const) {
    const eventWeights = Array.from(onsetWeights(logits.length, onsetWeight));
    const weightedRng = new Sfc32(7);
    cases.push({
      name: `7 logits, onset weight ${onsetWeight} (7.15), temperature ${temperature}, seed 7`,
      input: { logits, temperature, seed: 7, draws: 12, eventWeights },
      expected: {
        indices: Array.from({ length: 12 }, () => sampleCategorical(logits, temperature, weightedRng, eventWeights)),
      },
    });
  }
  return file(
    'sampling',
    'Categorical sampling (SPEC.md, "Categorical sampling"): `draws` successive samples from one generator seeded with `seed`, each over softmax(logits / temperature) in float64; temperature 0 takes the first maximum and draws nothing. With `eventWeights` (sampler version 4\'s onset weight, SPEC.md 7.15), each event\'s float64 weight is multiplied by its entry before the sum.',
    cases,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Melody encoding, notes digest, chord encoding

export function melodyEncodingVectors(): VectorFile {
  const cases: Array<{
    name: string;
    notes: Array<{ pitch: number; quantizedStartStep: number; quantizedEndStep: number }>;
    totalSteps: number;
  }> = [
    {
      name: 'two notes and a rest',
      notes: [
        { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4 },
        { pitch: 64, quantizedStartStep: 6, quantizedEndStep: 8 },
      ],
      totalSteps: 10,
    },
    {
      name: 'a note ending where the next starts (no note-off)',
      notes: [
        { pitch: 48, quantizedStartStep: 0, quantizedEndStep: 2 },
        { pitch: 83, quantizedStartStep: 2, quantizedEndStep: 3 },
      ],
      totalSteps: 4,
    },
    {
      name: 'same start: the higher pitch wins; a note running past the end',
      notes: [
        { pitch: 62, quantizedStartStep: 1, quantizedEndStep: 3 },
        { pitch: 67, quantizedStartStep: 1, quantizedEndStep: 2 },
        { pitch: 70, quantizedStartStep: 4, quantizedEndStep: 9 },
      ],
      totalSteps: 6,
    },
  ];
  return file(
    'melody-encoding',
    'MelodyConverter events (SPEC.md, "Model input encoding"), pitches 48..83: notes -> one event per step (0 no event, 1 note-off, 2 + pitch - 48 note-on) and the events\' notes back.',
    cases.map((c) => {
      const events = Array.from(melodyEventsFromNotes(c.notes, c.totalSteps));
      return {
        name: c.name,
        input: { notes: c.notes, totalSteps: c.totalSteps, minPitch: 48, maxPitch: 83 },
        expected: { events, notes: notesFromMelodyEvents(events) },
      };
    }),
  );
}

export async function notesDigestVectors(): Promise<VectorFile> {
  const sets = [
    { name: 'empty', notes: [] },
    {
      name: 'unsorted, with velocities (ignored)',
      notes: [
        { pitch: 67, quantizedStartStep: 4, quantizedEndStep: 8, velocity: 90 },
        { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 },
        { pitch: 64, quantizedStartStep: 0, quantizedEndStep: 2, velocity: 80 },
      ],
    },
    {
      name: 'same start and pitch: shorter first',
      notes: [
        { pitch: 72, quantizedStartStep: 16, quantizedEndStep: 32 },
        { pitch: 72, quantizedStartStep: 16, quantizedEndStep: 20 },
      ],
    },
    {
      name: 'timing offsets (humanise): written last, only where present; equal notes sort by offset',
      notes: [
        { pitch: 64, quantizedStartStep: 2, quantizedEndStep: 4, offsetTicks: 17 },
        { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 2 },
        { pitch: 67, quantizedStartStep: 4, quantizedEndStep: 8, offsetTicks: 5 },
        { pitch: 67, quantizedStartStep: 4, quantizedEndStep: 8, offsetTicks: -12 },
      ],
    },
  ];
  const cases: VectorCase[] = [];
  for (const s of sets)
    cases.push({
      name: s.name,
      input: { notes: json(s.notes) },
      expected: { canonical: canonicalNotesJson(s.notes), digest: await notesDigest(s.notes) },
    });
  return file(
    'notes-digest',
    'notesDigest (SPEC.md, "Notes digest"): notes sorted by (start, pitch, end, offset), written [pitch,start,end] (or [pitch,start,end,offsetTicks] for a note with a timing offset) as compact JSON, sha256 of its UTF-8 bytes as "sha256:<hex>".',
    cases,
  );
}

export function chordEncodingVectors(model: unknown): VectorFile {
  const encoder = musicRnnInternals(model).chordEncoder;
  if (!encoder) throw new Error('chordEncodingVectors needs the chord-conditioned model');
  const symbols = ['N.C.', 'C', 'Am', 'G7', 'F#m7b5', 'Bbmaj7', 'Ebdim7', 'Dsus4', 'Caug', 'A6'];
  return file(
    'chord-encoding',
    'PitchChordEncoder (SPEC.md, "Chord conditioning"): symbol -> 37 floats [no-chord, root one-hot (12), pitch classes (12), bass one-hot (12) = root]; `ones` lists the indices holding 1.',
    symbols.map((symbol) => {
      const v = encodeProgression(encoder, [symbol], 1);
      const ones: number[] = [];
      v.forEach((x, i) => {
        if (x === 1) ones.push(i);
        else if (x !== 0) throw new Error(`chord encoding of ${symbol} holds ${x}`);
      });
      return { name: symbol, input: { symbol }, expected: { depth: encoder.depth, ones } };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Arrangement procedure motif.arrange/1

export function arrangementVectors(): VectorFile {
  const cases: VectorCase[] = [];
  const suggest: Array<[KeyName, ScaleName, number, number]> = [
    ['C', 'major', 4, 42],
    ['D', 'minor', 4, 7],
    ['Bb', 'dorian', 6, 123456],
    ['E', 'majorPentatonic', 3, 0xffffffff],
  ];
  for (const [key, scale, bars, seed] of suggest) {
    cases.push({
      name: `suggestProgression ${key} ${scale} ${bars} bars seed ${seed}`,
      input: { fn: 'suggestProgression', key, scale, bars, seed },
      expected: json(suggestProgression(key, scale, bars, seed)),
    });
  }
  for (const [key, scale] of [
    ['C', 'major'],
    ['A', 'minor'],
    ['Eb', 'harmonicMinor'],
    ['Gb', 'minorPentatonic'],
  ] as Array<[KeyName, ScaleName]>) {
    cases.push({
      name: `diatonic triads ${key} ${scale}`,
      input: { fn: 'diatonicChords', key, scale },
      expected: { chords: [0, 1, 2, 3, 4, 5, 6].map((d) => diatonicChord(key, scale, d)) },
    });
  }
  const pitches = [47, 48, 49, 54, 61, 66, 70, 83, 84];
  for (const [key, scale] of [
    ['C', 'major'],
    ['D', 'minor'],
    ['G', 'majorPentatonic'],
  ] as Array<[KeyName, ScaleName]>) {
    cases.push({
      name: `snapToScale ${key} ${scale} in 48..83`,
      input: { fn: 'snapToScale', key, scale, min: 48, max: 83, pitches },
      expected: { pitches: pitches.map((p) => snapToScale(p, key, scale, 48, 83)) },
    });
  }
  for (const style of DRUM_STYLES.map((d) => d.id)) {
    const input = {
      melody: [{ pitch: 60, quantizedStartStep: 0, quantizedEndStep: 40, velocity: 100 }],
      progression: ['C', 'Am7'],
      bars: 2,
      tempo: 100,
      key: 'C' as const,
      scale: 'major' as const,
      style,
    };
    cases.push({ name: `arrange style ${style}`, input: { fn: 'arrange', ...input }, expected: json(arrange(input)) });
  }
  for (const meter of ['3/4', '6/8'] as const)
    for (const style of DRUM_STYLES.map((d) => d.id)) {
      const input = {
        melody: [{ pitch: 60, quantizedStartStep: 0, quantizedEndStep: 30, velocity: 100 }],
        progression: ['C', 'Am7'],
        bars: 2,
        tempo: 100,
        key: 'C' as const,
        scale: 'major' as const,
        style,
        meter,
      };
      cases.push({
        name: `arrange ${meter} (${procedureLabel(MOTIF_ARRANGEMENT_METER)}) style ${style}`,
        input: { fn: 'arrange', ...input },
        expected: json(arrange(input)),
      });
    }
  return file(
    'arrangement',
    `The arrangement procedure ${procedureLabel(MOTIF_ARRANGEMENT)} (SPEC.md, "Arrangement"): progression suggestion, diatonic chords, scale snapping, and arrange() for every drum style; version 2 (8.6) for every style in 3/4 and 6/8.`,
    cases,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Replay: request + weights -> events -> notes -> digest

/** A Sfc32 that records each uniform it hands out (the sampler draws one per sampled step). */
class RecordingSfc32 extends Sfc32 {
  readonly uniforms: number[] = [];
  override nextFloat(): number {
    const u = super.nextFloat();
    this.uniforms.push(u);
    return u;
  }
}

export type ReplayScenario = { name: string; modelId: string; request: ComposeRequest };

export const REPLAY_SCENARIOS: readonly ReplayScenario[] = [
  {
    name: 'melody model, chords primer, C major, 4 bars',
    modelId: 'motif-melody-2x256-v1',
    request: defaultComposeRequest({
      modelId: 'motif-melody-2x256-v1',
      seed: 42,
      temperature: 1,
      bars: 4,
      key: 'C',
      scale: 'major',
      tempo: 112,
      primer: { type: 'chords', progression: ['C', 'G', 'Am', 'F'] },
      style: 'pop',
      snapToScale: true,
    }),
  },
  {
    name: 'melody model, melody primer, D minor, suggested progression, no snapping, 2 bars',
    modelId: 'motif-melody-2x256-v1',
    request: defaultComposeRequest({
      modelId: 'motif-melody-2x256-v1',
      seed: 20261201,
      temperature: 0.5,
      bars: 2,
      key: 'D',
      scale: 'minor',
      tempo: 90,
      primer: {
        type: 'melody',
        notes: [
          { pitch: 62, quantizedStartStep: 0, quantizedEndStep: 2 },
          { pitch: 65, quantizedStartStep: 2, quantizedEndStep: 4 },
          { pitch: 69, quantizedStartStep: 4, quantizedEndStep: 8 },
        ],
        totalSteps: 8,
      },
      style: 'bossa',
      snapToScale: false,
    }),
  },
  {
    name: 'chord-conditioned model, G major over G Em C D7, 3 bars',
    modelId: 'motif-improv-2x256-v1',
    request: defaultComposeRequest({
      modelId: 'motif-improv-2x256-v1',
      seed: 7,
      temperature: 0.8,
      bars: 3,
      key: 'G',
      scale: 'major',
      tempo: 120,
      primer: { type: 'chords', progression: ['G', 'Em', 'C', 'D7'] },
      style: 'rock',
      snapToScale: true,
    }),
  },
  {
    name: "form plan (sampler 2): chord-conditioned model, studio defaults, 8 bars, the studio's plan for seed 3",
    modelId: 'motif-improv-2x256-v1',
    request: defaultComposeRequest({
      modelId: 'motif-improv-2x256-v1',
      seed: 3,
      temperature: 1,
      bars: 8,
      key: 'C',
      scale: 'major',
      tempo: 112,
      primer: { type: 'chords', progression: ['C', 'G', 'Am', 'F'] },
      style: 'pop',
      snapToScale: false,
      form: planForm(3, 8, ['C', 'G', 'Am', 'F', 'C', 'G', 'Am', 'F']),
    }),
  },
  {
    name: "form plan (sampler 2): melody model, melody primer over a copied run, A B A B' of 1 bar, D minor, tonic cadence",
    modelId: 'motif-melody-2x256-v1',
    request: defaultComposeRequest({
      modelId: 'motif-melody-2x256-v1',
      seed: 11,
      temperature: 0.9,
      bars: 4,
      key: 'D',
      scale: 'minor',
      tempo: 100,
      primer: {
        type: 'melody',
        notes: [
          { pitch: 62, quantizedStartStep: 0, quantizedEndStep: 6 },
          { pitch: 65, quantizedStartStep: 6, quantizedEndStep: 8 },
          { pitch: 69, quantizedStartStep: 8, quantizedEndStep: 20 },
        ],
        totalSteps: 20,
      },
      progression: ['Dm', 'A7'],
      style: 'none',
      snapToScale: true,
      form: { unitBars: 1, sections: ['A', 'B', 'A', "B'"], cadence: 'tonic' },
    }),
  },
  {
    name: "meter 3/4 (arrangement 2, sampler 2): chord-conditioned model, studio defaults, 8 bars, the studio's plan for seed 3",
    modelId: 'motif-improv-2x256-v1',
    request: defaultComposeRequest({
      modelId: 'motif-improv-2x256-v1',
      seed: 3,
      temperature: 1,
      bars: 8,
      key: 'C',
      scale: 'major',
      tempo: 112,
      primer: { type: 'chords', progression: ['C', 'G', 'Am', 'F'] },
      style: 'rock',
      snapToScale: false,
      form: planForm(3, 8, ['C', 'G', 'Am', 'F', 'C', 'G', 'Am', 'F']),
      meter: '3/4',
    }),
  },
  {
    name: "tune memory (sampler 3): chord-conditioned model, studio defaults with the model's fitted memory and the studio's form plan for seed 5, 8 bars",
    modelId: 'motif-improv-2x256-v1',
    request: defaultComposeRequest({
      modelId: 'motif-improv-2x256-v1',
      seed: 5,
      temperature: 1,
      bars: 8,
      key: 'C',
      scale: 'major',
      tempo: 112,
      primer: { type: 'chords', progression: ['C', 'G', 'Am', 'F'] },
      style: 'pop',
      snapToScale: false,
      form: planForm(5, 8, ['C', 'G', 'Am', 'F', 'C', 'G', 'Am', 'F']),
      memory: fittedMemory('motif-improv-2x256-v1'),
    }),
  },
  {
    name: 'tune memory (sampler 3): melody model, its fitted memory without a form plan, melody primer, 4 bars, temperature 0.8',
    modelId: 'motif-melody-2x256-v1',
    request: defaultComposeRequest({
      modelId: 'motif-melody-2x256-v1',
      seed: 21,
      temperature: 0.8,
      bars: 4,
      key: 'G',
      scale: 'major',
      tempo: 120,
      primer: {
        type: 'melody',
        notes: [
          { pitch: 67, quantizedStartStep: 0, quantizedEndStep: 4 },
          { pitch: 71, quantizedStartStep: 4, quantizedEndStep: 6 },
          { pitch: 74, quantizedStartStep: 6, quantizedEndStep: 8 },
          { pitch: 67, quantizedStartStep: 8, quantizedEndStep: 12 },
          { pitch: 71, quantizedStartStep: 12, quantizedEndStep: 14 },
          { pitch: 74, quantizedStartStep: 14, quantizedEndStep: 16 },
        ],
        totalSteps: 16,
      },
      progression: ['G', 'D'],
      style: 'none',
      snapToScale: true,
      memory: fittedMemory('motif-melody-2x256-v1'),
    }),
  },
  {
    name: "meter-aware model (7.14): chord-conditioned v2 in 6/8, studio defaults with its fitted memory and the studio's form plan for seed 7, 8 bars",
    modelId: 'motif-improv-2x256-v2',
    request: defaultComposeRequest({
      modelId: 'motif-improv-2x256-v2',
      seed: 7,
      temperature: 1,
      bars: 8,
      key: 'C',
      scale: 'major',
      tempo: 112,
      primer: { type: 'chords', progression: ['C', 'G', 'Am', 'F'] },
      style: 'pop',
      snapToScale: false,
      form: planForm(7, 8, ['C', 'G', 'Am', 'F', 'C', 'G', 'Am', 'F']),
      memory: fittedMemory('motif-improv-2x256-v2'),
      meter: '6/8',
    }),
  },
  {
    name: "onset weight (sampler 4, 7.15): the studio's defaults for seed 3: chord-conditioned v2, its fitted temperature, memory and onset weight, the studio's form plan, 8 bars",
    modelId: 'motif-improv-2x256-v2',
    // the request the studio itself sends for this seed (lib/studio/compose-form.ts), whatever its fits say
    request: studioRequest('motif-improv-2x256-v2', 3),
  },
  {
    name: 'onset weight (sampler 4, 7.15) alone: chord-conditioned v1, weight 1.5, no memory or form, 4 bars, temperature 1',
    modelId: 'motif-improv-2x256-v1',
    request: defaultComposeRequest({
      modelId: 'motif-improv-2x256-v1',
      seed: 11,
      temperature: 1,
      bars: 4,
      key: 'D',
      scale: 'minor',
      tempo: 100,
      primer: { type: 'chords', progression: ['Dm', 'A7'] },
      style: 'none',
      snapToScale: false,
      onsetWeight: 1.5,
    }),
  },
  {
    name: 'meter-aware model (7.14): melody v2 in 3/4, a one-bar melody primer, 4 bars, no memory or form (sampler 1)',
    modelId: 'motif-melody-2x256-v2',
    request: defaultComposeRequest({
      modelId: 'motif-melody-2x256-v2',
      seed: 9,
      temperature: 1,
      bars: 4,
      key: 'F',
      scale: 'major',
      tempo: 96,
      primer: {
        type: 'melody',
        notes: [
          { pitch: 65, quantizedStartStep: 0, quantizedEndStep: 8 },
          { pitch: 69, quantizedStartStep: 8, quantizedEndStep: 12 },
        ],
        totalSteps: 12,
      },
      progression: ['F', 'C7'],
      style: 'none',
      snapToScale: false,
      meter: '3/4',
    }),
  },
];

/** The ComposeRequest a new studio session sends for `seed` after choosing `modelId` (its defaults and fits). */
function studioRequest(modelId: string, seed: number): ComposeRequest {
  return requestFromForm({ ...withModelChoice(defaultComposeForm(), modelId), seed }, modelId);
}

/** The tune memory the studio records for a shipped model (lib/generation/models/tune-memory-fits.ts). */
function fittedMemory(modelId: string): TuneMemoryMixture {
  const fit = TUNE_MEMORY_FITS[modelId];
  if (!fit) throw new Error(`no tune memory fitted for ${modelId}`);
  return fit;
}

/** Form plans (SPEC.md 7.12): the studio's seeded choice, the per-step directives, and the masked draw. */
export function formVectors(): VectorFile {
  const cases: VectorCase[] = [];
  const loop = (bars: number, chords: string[]) =>
    Array.from({ length: bars }, (_, b) => chords[b % chords.length] ?? 'N.C.');
  const plans: Array<[number, number, string[]]> = [
    [1, 16, loop(16, ['C', 'G', 'Am', 'F'])],
    [2, 16, loop(16, ['C', 'G', 'Am', 'F'])],
    [5, 16, loop(16, ['C', 'G', 'Am', 'F'])],
    [3, 8, loop(8, ['C', 'G', 'Am', 'F'])],
    [9, 16, loop(16, ['C', 'G', 'Am', 'F', 'Dm', 'Em', 'F', 'G'])],
    [4, 32, loop(32, ['Am', 'F', 'C', 'G'])],
    [6, 6, loop(6, ['C'])],
    [7, 3, loop(3, ['C'])],
  ];
  for (const [seed, bars, chordsPerBar] of plans)
    cases.push({
      name: `studio plan: seed ${seed}, ${bars} bars over ${chordsPerBar.slice(0, 8).join(' ')}`,
      input: { fn: 'planForm', seed, bars, chordsPerBar },
      expected: json(planForm(seed, bars, chordsPerBar)),
    });
  const directiveCases: Array<[FormPlan, number, number, KeyName]> = [
    [{ unitBars: 2, sections: ['A', "A'", 'B', 'A'], cadence: 'tonic' }, 8, 4, 'C'],
    [{ unitBars: 1, sections: ['A', 'B', 'A', "B'"], cadence: 'tonic' }, 4, 20, 'D'],
    [{ unitBars: 2, sections: ['A', 'A'], cadence: 'none' }, 5, 4, 'Bb'],
  ];
  for (const [plan, bars, primerSteps, key] of directiveCases) {
    const d = formDirectives(plan, { bars, primerSteps, key, minPitch: 48, maxPitch: 83 });
    cases.push({
      name: `directives: ${plan.sections.join(' ')} of ${plan.unitBars} bars, cadence ${plan.cadence}, ${bars} bars, primer ${primerSteps} steps, ${key}`,
      input: { fn: 'formDirectives', plan: json(plan), bars, primerSteps, key, minPitch: 48, maxPitch: 83 },
      expected: { directives: d.map((x) => (x === undefined ? null : json(x))) },
    });
  }
  const logits = [2.5, -1, 0.125, 3.75, 3.75, -30, 1];
  for (const [temperature, allowed] of [
    [1, [0, 2, 6]],
    [0.5, [3, 4]],
    [0, [1, 2, 6]],
  ] as const) {
    const rng = new Sfc32(7);
    cases.push({
      name: `masked draw: temperature ${temperature}, allowed ${allowed.join(' ')}, seed 7`,
      input: { fn: 'sampleMasked', logits, temperature, allowed: [...allowed], seed: 7, draws: 12 },
      expected: {
        indices: Array.from({ length: 12 }, () => sampleCategoricalMasked(logits, temperature, rng, allowed)),
      },
    });
  }
  return file(
    'form',
    `Melodic form (SPEC.md 7.12, sampler ${procedureLabel(MOTIF_SAMPLER_FORM)}): planForm (the studio's seeded plan; informative), formDirectives (what each generated step does: null = sample; copy from an absolute step, runStart marking a run's first step; hold = event 0; mask = sample among the allowed events), and masked categorical draws.`,
    cases,
  );
}

export type LoadedModels = {
  get(id: string): Promise<{ entry: ShippedModel; rnn: MusicRnnInstance }>;
  dispose(): void;
};

/** Loads shipped checkpoints from public/ once each. */
export function shippedModels(publicDir = path.join(process.cwd(), 'public')): LoadedModels {
  const loaded = new Map<string, Promise<{ entry: ShippedModel; rnn: MusicRnnInstance }>>();
  return {
    get(id) {
      let p = loaded.get(id);
      if (!p) {
        const entry = getShippedModel(id);
        p = loadMusicRnnFromFolder(path.join(publicDir, entry.urlPath)).then((rnn) => ({ entry, rnn }));
        loaded.set(id, p);
      }
      return p;
    },
    dispose() {
      for (const p of loaded.values()) p.then((m) => m.rnn.dispose()).catch(() => undefined);
      loaded.clear();
    },
  };
}

/** What one replay computes, step by step (what a vector records and the test recomputes). */
export type ReplayTrace = {
  primerEvents: number[];
  chordsPerBar: string[];
  progressionSource: string;
  /** Of the first three sampled steps: the float32 logits, the uniform drawn and the event chosen. */
  firstSteps: Array<{ logits: number[]; uniform: number; event: number }>;
  events: number[];
  melody: Arrangement['tracks'][number]['notes'];
  canonicalNotes: string;
  digest: string;
  arrangement: Arrangement;
};

/** Runs compose on `request` and the sampling loop beside it (recording logits and uniforms), checking they agree. */
export async function traceReplay(rnn: MusicRnnInstance, request: ComposeRequest): Promise<ReplayTrace> {
  const result = await compose(rnn, request, { engine: 'js' });
  const internals = musicRnnInternals(rnn);
  const primer = primerFor(result.request);
  const { chords } = progressionFor(result.request);
  const primerEvents = Array.from(melodyEventsFromNotes(primer.notes, primer.totalSteps));
  const barSteps = stepsPerBarOf(result.request);
  const steps = result.request.bars * barSteps - primer.totalSteps;
  const inner = fastEventStepper(rnn);
  const firstLogits: number[][] = [];
  const stepper: EventStepper = {
    inputSize: inner.inputSize,
    step(input, wantLogits) {
      const out = inner.step(input, wantLogits);
      if (out && firstLogits.length < 3) firstLogits.push(Array.from(out));
      return out;
    },
    dispose: () => inner.dispose(),
  };
  const rng = new RecordingSfc32(seedToUint32(result.request.seed));
  const total = primerEvents.length + steps;
  const form = result.request.form;
  const events = await sampleEventsLoop({
    ...(form
      ? {
          directives: formDirectives(form, {
            bars: result.request.bars,
            primerSteps: primer.totalSteps,
            key: result.request.key,
            minPitch: internals.minPitch,
            maxPitch: internals.maxPitch,
            ...(result.request.meter ? { meter: result.request.meter } : {}),
          }),
        }
      : {}),
    stepper,
    primerEvents,
    steps,
    ...stepControls(internals, { chordProgression: chords, meter: result.request.meter, totalSteps: total }),
    temperature: result.request.temperature,
    rng,
    ...(result.request.memory ? { memory: result.request.memory } : {}),
    ...(result.request.onsetWeight !== undefined ? { onsetWeight: result.request.onsetWeight } : {}),
  });
  stepper.dispose();
  // The loop above must be the one compose ran: its notes, shifted past the primer and snapped, give compose's digest.
  const end = result.request.bars * barSteps;
  const continuation = notesFromMelodyEvents(events, internals).map((n) => ({
    ...n,
    quantizedStartStep: n.quantizedStartStep + primer.totalSteps,
    quantizedEndStep: n.quantizedEndStep + primer.totalSteps,
  }));
  const rebuilt = [...primer.notes, ...continuation]
    .map((n) => ({
      ...n,
      pitch: result.request.snapToScale
        ? snapToScale(n.pitch, result.request.key, result.request.scale, internals.minPitch, internals.maxPitch)
        : n.pitch,
    }))
    .filter((n) => n.quantizedStartStep < end)
    .map((n) => ({ ...n, quantizedEndStep: Math.min(n.quantizedEndStep, end) }));
  if ((await notesDigest(rebuilt)) !== result.digest)
    throw new Error("the traced sampling loop does not give compose's melody");
  const melody = melodyNotes(result.arrangement);
  return {
    primerEvents,
    chordsPerBar: result.progression,
    progressionSource: result.progressionSource,
    firstSteps: firstLogits.map((logits, i) => ({ logits, uniform: rng.uniforms[i] ?? -1, event: events[i] ?? -1 })),
    events,
    melody,
    canonicalNotes: canonicalNotesJson(melody),
    digest: result.digest,
    arrangement: result.arrangement,
  };
}

export async function replayVectors(models: LoadedModels): Promise<VectorFile> {
  const cases: VectorCase[] = [];
  for (const s of REPLAY_SCENARIOS) {
    const { entry, rnn } = await models.get(s.modelId);
    const t = await traceReplay(rnn, s.request);
    cases.push({
      name: s.name,
      input: {
        model: { id: entry.id, weightsCid: entry.weightsCid, urlPath: entry.urlPath },
        sampler: json(samplerFor(s.request)),
        arrangement: json(arrangementFor(s.request)),
        request: json(s.request),
      },
      expected: json({ ...t, finalCount: t.arrangement.tracks.reduce((n, tr) => n + tr.notes.length, 0) }),
    });
  }
  return file(
    'replay',
    `Replay (SPEC.md, "Replay procedure"): a ComposeRequest and the shipped weights it names -> primer events, chords per bar, the first sampled steps (float32 logits, uniform, event), every sampled event, the melody after snapping, its canonical notes and notesDigest (= manifest notes.generatedDigest), and the arrangement (${procedureLabel(MOTIF_ARRANGEMENT)}, or ${procedureLabel(MOTIF_ARRANGEMENT_METER)} for a request in 3/4 or 6/8: the input's arrangement). Sampler ${procedureLabel(MOTIF_SAMPLER)}, ${procedureLabel(MOTIF_SAMPLER_FORM)} for a request with a form plan, ${procedureLabel(MOTIF_SAMPLER_MEMORY)} for one with a tune memory, or ${procedureLabel(MOTIF_SAMPLER_ONSET)} for one with an onset weight (the input's sampler), plain-JS float32 engine (cpu-js). firstSteps lists the first steps that drew a uniform.`,
    cases,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Edit log

/** One op of every kind over the first replay scenario's arrangement, the regenerated bar sampled by the model. */
export async function editLogScenario(
  models: LoadedModels,
): Promise<{ base: Arrangement; ops: EditOp[]; request: ComposeRequest }> {
  const s = REPLAY_SCENARIOS[0];
  if (!s) throw new Error('no replay scenario');
  const { rnn } = await models.get(s.modelId);
  const base = (await compose(rnn, s.request, { engine: 'js' })).arrangement;
  const melody = melodyNotes(base);
  const first = melody[0];
  const second = melody[1];
  const chordNote = base.tracks.find((t) => t.id === 'chords')?.notes[0];
  if (!first || !second || !chordNote) throw new Error('the base arrangement is too small for the edit-log vector');
  const regen = await regenerateBar({
    model: rnn,
    modelId: s.modelId,
    arrangement: base,
    bar: 2,
    seed: 5,
    temperature: 1,
    snapToScale: true,
    engine: 'js',
  });
  const ops: EditOp[] = [
    {
      op: 'updateNote',
      track: 'melody',
      from: second,
      to: { ...second, velocity: 70, quantizedEndStep: second.quantizedEndStep + 1 },
    },
    { op: 'addNote', track: 'melody', note: { pitch: 79, quantizedStartStep: 60, quantizedEndStep: 64, velocity: 96 } },
    { op: 'removeNote', track: 'melody', note: first },
    { op: 'removeNote', track: 'chords', note: chordNote },
    regen,
    { op: 'transpose', semitones: 1, tracks: ['melody', 'chords', 'bass', 'drums'] },
    { op: 'setTempo', bpm: 96.5 },
    { op: 'setInstrument', track: 'melody', instrument: 'flute' },
    { op: 'setMute', track: 'drums', muted: true },
    { op: 'setSolo', track: 'bass', solo: true },
  ];
  return { base, ops, request: s.request };
}

export async function editLogVectors(models: LoadedModels): Promise<VectorFile> {
  const { base, ops } = await editLogScenario(models);
  const cases: VectorCase[] = [];
  const n = await manifestNotes(base, ops);
  cases.push({
    name: 'one op of every kind, over replay case 1',
    input: { base: json(base), log: json({ version: 1, ops }) },
    expected: {
      generatedDigest: n.generatedDigest,
      finalDigest: n.finalDigest,
      finalCount: n.finalCount,
      final: json(n.final),
    },
  });
  const humanised = humaniseOps(base, { track: 'melody', seed: 3, amount: 0.5, timing: 1 });
  const h = await manifestNotes(base, humanised);
  cases.push({
    name: 'humanise version 2 (SPEC 9.1; melody, seed 3, amount 0.5, timing 1): velocities and timing offsets',
    input: { base: json(base), log: json({ version: 1, ops: humanised }) },
    expected: {
      generatedDigest: h.generatedDigest,
      finalDigest: h.finalDigest,
      finalCount: h.finalCount,
      final: json(h.final),
    },
  });
  const refused: Array<[string, EditOp[]]> = [
    [
      'removing a note that is not there',
      [
        {
          op: 'removeNote',
          track: 'melody',
          note: { pitch: 1, quantizedStartStep: 0, quantizedEndStep: 1, velocity: 1 },
        },
      ],
    ],
    [
      'adding a note past the last bar',
      [
        {
          op: 'addNote',
          track: 'bass',
          note: { pitch: 40, quantizedStartStep: 12, quantizedEndStep: 17, velocity: 90 },
        },
      ],
    ],
    [
      'a regenerated note outside its bar',
      [
        {
          op: 'regenerateBar',
          bar: 0,
          notes: [{ pitch: 60, quantizedStartStep: 15, quantizedEndStep: 17, velocity: 100 }],
          generation: { modelId: 'motif-melody-2x256-v1', seed: 1, temperature: 1, backend: 'cpu-js' },
        },
      ],
    ],
    [
      'transposing out of the MIDI range',
      [
        { op: 'transpose', semitones: 24, tracks: ['melody'] },
        { op: 'transpose', semitones: 24, tracks: ['melody'] },
        { op: 'transpose', semitones: 24, tracks: ['melody'] },
      ],
    ],
    ['a kit on a melodic track', [{ op: 'setInstrument', track: 'melody', instrument: 'kit' }]],
  ];
  // Refusals need no large base: one bar, two melody notes, no drums.
  const small = arrange({
    melody: [
      { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 },
      { pitch: 62, quantizedStartStep: 4, quantizedEndStep: 8, velocity: 100 },
    ],
    progression: ['C'],
    bars: 1,
    tempo: 120,
    key: 'C',
    scale: 'major',
    style: 'none',
  });
  for (const [name, bad] of refused) {
    let error = '';
    try {
      await manifestNotes(small, bad);
    } catch (e) {
      error = e instanceof Error ? e.name : 'error';
    }
    if (!error) throw new Error(`edit-log vector "${name}" applied without error`);
    cases.push({
      name: `refused: ${name}`,
      input: { base: json(small), log: json({ version: 1, ops: bad }) },
      expected: { error },
    });
  }
  return file(
    'edit-log',
    'Edit log (SPEC.md, "Edit log"): a base arrangement and an edit log -> the final arrangement, the melody digests (notes.generatedDigest, notes.finalDigest) and the note count of all four tracks (notes.finalCount); logs that must be refused name the error.',
    cases,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Files -> CIDs

/** A 16-bit mono PCM WAV of 0.05 s (400 samples) of a 440 Hz sine at 8 kHz (small enough to hold in a vector as hex). */
export function tinyWav(): Uint8Array {
  const rate = 8000;
  const samples = Int16Array.from({ length: 400 }, (_, i) =>
    Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000),
  );
  return encodePcm16Wav(samples, 1, rate);
}

/** File content in a vector: hex bytes, UTF-8 text, or the `patternBytes` generator with a length. */
export type ContentSpec = { hex: string } | { utf8: string } | { pattern: number };

export function contentOf(spec: ContentSpec): Uint8Array {
  if ('hex' in spec) return fromHex(spec.hex);
  if ('utf8' in spec) return new TextEncoder().encode(spec.utf8);
  return patternBytes(spec.pattern);
}

export async function cidVectors(track: {
  wav: Uint8Array;
  midi: Uint8Array;
  manifestText: string;
}): Promise<VectorFile> {
  const chunk = UNIXFS_SETTINGS.chunkSize;
  const files: Array<[string, ContentSpec]> = [
    ['empty file', { hex: '' }],
    ['"hello\\n"', { utf8: 'hello\n' }],
    ['one full chunk (262144 bytes)', { pattern: chunk }],
    ['one byte over a chunk (two leaves under one node)', { pattern: chunk + 1 }],
    ['175 chunks (two levels: 174 links, then 1)', { pattern: chunk * 174 + 5 }],
    ['audio.wav of the manifest vector', { hex: hex(track.wav) }],
  ];
  const cases: VectorCase[] = [];
  for (const [name, spec] of files) {
    const bytes = contentOf(spec);
    cases.push({
      name: `file: ${name}`,
      input: { file: spec },
      expected: { size: bytes.byteLength, sha256: sha256Hex(bytes), cid: (await cidOfBytes(bytes)).toString() },
    });
  }
  const folders: Array<[string, Array<{ path: string; content: ContentSpec }>]> = [
    [
      'a track folder (audio.wav, track.mid, manifest.json)',
      [
        { path: 'audio.wav', content: { hex: hex(track.wav) } },
        { path: 'track.mid', content: { hex: hex(track.midi) } },
        { path: 'manifest.json', content: { utf8: track.manifestText } },
      ],
    ],
    [
      'links sorted by name bytes; a subfolder; a multi-chunk file',
      [
        { path: 'b.txt', content: { utf8: 'b' } },
        { path: 'a/z.bin', content: { pattern: chunk + 1 } },
        { path: 'a/Y.txt', content: { utf8: 'upper case sorts first' } },
        { path: 'B.txt', content: { utf8: '' } },
      ],
    ],
  ];
  for (const [name, entries] of folders) {
    const cid = await cidOfFolder(entries.map((e) => ({ path: e.path, content: contentOf(e.content) })));
    cases.push({ name: `folder: ${name}`, input: { folder: json(entries) }, expected: { cid: cid.toString() } });
  }
  return file(
    'cids',
    `UnixFS CIDs (SPEC.md, "Track folder and UnixFS"): CIDv1, raw leaves, ${chunk}-byte chunks, balanced layout of ${UNIXFS_SETTINGS.maxChildrenPerNode} links, sha2-256. Contents are hex, UTF-8 text, or {"pattern": n}: n bytes with byte i = (i * 31 + 7) mod 256.`,
    cases,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Manifest -> canonical text -> digest; typed data -> EIP-712 hash, signature, signer

export type ManifestFixture = { manifest: TrackManifest; wav: Uint8Array; midi: Uint8Array; manifestText: string };

/** A real v2 manifest: replay case 1 with the edit-log vector's ops, the tiny WAV and the edited arrangement's MIDI. */
export async function manifestFixture(models: LoadedModels): Promise<ManifestFixture> {
  const { base, ops, request } = await editLogScenario(models);
  const { entry, rnn } = await models.get(request.modelId);
  const composed = await compose(rnn, request, { engine: 'js' });
  const { final, ...notes } = await manifestNotes(base, ops);
  const wav = tinyWav();
  const midi = arrangementToMidi(final);
  const account = privateKeyToAccount(TEST_PRIVATE_KEY);
  const manifest = buildManifest({
    model: { id: entry.id, family: familyOfModelId(entry.id), weightsCid: entry.weightsCid, backend: composed.backend },
    generation: generationFromComposeRequest(request, composed.progression),
    notes,
    editLog: ops,
    render: {
      engine: 'motif-js-renderer',
      instrument: 'presets',
      sampleRate: 8000,
      channels: 1,
      bitDepth: 16,
      durationSeconds: 0.05,
    },
    files: await trackFileRecords(wav, midi),
    creator: account.address,
    createdAt: TEST_CREATED_AT,
    licence: 'CC-BY-4.0',
  });
  const signed = await signManifest({
    manifest,
    chainId: TEST_CHAIN_ID,
    verifyingContract: TEST_COLLECTION,
    sign: (td) => account.signTypedData(td),
  });
  return { manifest, wav, midi, manifestText: `${JSON.stringify(signed, null, 2)}\n` };
}

/** The same track as a version 1 manifest would have recorded it (sampler as one string, no arrangement id). */
export function asVersion1(m: TrackManifest): TrackManifestV1 {
  const { arrangement: _arrangement, sampler, ...generation } = m.generation;
  return { ...m, version: 1, generation: { ...generation, sampler: procedureLabel(sampler) } };
}

export function manifestVectors(fx: ManifestFixture): VectorFile {
  const jcs: Array<[string, Json]> = [
    ['key order, nesting, literals', { b: [3, 1, { z: 1, a: 2 }], a: { d: null, c: 'x', e: true } }],
    ['numbers (ECMAScript formatting)', [0, -0, 1e21, 1e-7, 0.1 + 0.2, 96.5, 5e-324, 9007199254740992]],
    [
      'strings: escapes, no Unicode normalisation, keys by UTF-16 code units',
      { '\u20ac': 'é', e: 'e\u0301', '\ud83d\ude00': '\u0000\u001f"\\/\u2028', '\ufb33': 1 },
    ],
  ];
  const cases: VectorCase[] = jcs.map(([name, value]) => ({
    name: `RFC 8785: ${name}`,
    input: { value },
    expected: { canonical: canonicalJson(value), keccak256: manifestDigestOf(value) },
  }));
  for (const [name, m] of [
    ['manifest version 2 (replay case 1, every edit kind)', fx.manifest],
    ['the same track as a version 1 manifest', asVersion1(fx.manifest)],
  ] as const) {
    cases.push({
      name,
      input: { manifest: json(m) },
      expected: { canonical: canonicalJson(m), digest: manifestDigestOf(m) },
    });
  }
  return file(
    'manifest-digest',
    'Manifest digest (SPEC.md, "Canonical form and digest"): RFC 8785 (JCS) canonical JSON, then keccak256 of its UTF-8 bytes as 0x + 64 hex digits. The first cases are plain JCS values.',
    cases,
  );
}

export async function eip712Vectors(fx: ManifestFixture): Promise<VectorFile> {
  const account = privateKeyToAccount(TEST_PRIVATE_KEY);
  const cases: VectorCase[] = [];
  for (const m of [fx.manifest, asVersion1(fx.manifest)] as const) {
    const domain = {
      name: 'Motif' as const,
      version: '1' as const,
      chainId: TEST_CHAIN_ID,
      verifyingContract: TEST_COLLECTION as Hex,
    };
    const message = { creator: account.address, manifestDigest: manifestDigestOf(m), manifestVersion: m.version };
    const td = manifestTypedData(domain, message);
    const signature = await account.signTypedData(td);
    cases.push({
      name: `TrackManifest, manifest version ${m.version}, chain ${TEST_CHAIN_ID}`,
      input: {
        domain: json(domain),
        types: json(manifestTypes),
        primaryType: 'TrackManifest',
        message: json(message),
        privateKey: TEST_PRIVATE_KEY,
      },
      expected: {
        encodeType: 'TrackManifest(address creator,bytes32 manifestDigest,uint16 manifestVersion)',
        domainSeparator: hashDomain({
          domain: { ...domain, chainId: BigInt(domain.chainId) },
          types: {
            EIP712Domain: [
              { name: 'name', type: 'string' },
              { name: 'version', type: 'string' },
              { name: 'chainId', type: 'uint256' },
              { name: 'verifyingContract', type: 'address' },
            ],
          },
        }),
        structHash: hashStruct({ data: message, primaryType: 'TrackManifest', types: manifestTypes }),
        hash: hashTypedData(td),
        signature,
        signer: await recoverTypedDataAddress({ ...td, signature }),
      },
    });
  }
  return file(
    'eip712',
    'EIP-712 manifest signature (SPEC.md, "Signature"): domain {name "Motif", version "1", chainId, verifyingContract}, type TrackManifest(address creator,bytes32 manifestDigest,uint16 manifestVersion) -> domain separator, struct hash, the hash signed, the signature by the public test key (anvil account 0, RFC 6979 deterministic ECDSA) and the address it recovers to.',
    cases,
  );
}

// ---------------------------------------------------------------------------------------------------------------

/** Every vector file, by file name. */
export async function buildVectors(models: LoadedModels = shippedModels()): Promise<Record<string, VectorFile>> {
  const fx = await manifestFixture(models);
  const improv = await models.get('motif-improv-2x256-v1');
  return {
    'prng.json': prngVectors(),
    'sampling.json': samplingVectors(),
    'melody-encoding.json': melodyEncodingVectors(),
    'chord-encoding.json': chordEncodingVectors(improv.rnn),
    'notes-digest.json': await notesDigestVectors(),
    'replay.json': await replayVectors(models),
    'arrangement.json': arrangementVectors(),
    'form.json': formVectors(),
    'edit-log.json': await editLogVectors(models),
    'manifest-digest.json': manifestVectors(fx),
    'eip712.json': await eip712Vectors(fx),
    'cids.json': await cidVectors(fx),
  };
}

export const VECTORS_DIR = path.join('docs', 'provenance', 'vectors');
