/**
 * The default Node replay (lib/provenance/replay-node.ts) with a real Magenta MusicRNN: a tiny random checkpoint
 * (1 LSTM layer of 8 units, Magenta's variable names and weights_manifest format) written to a temp public/ folder
 * and registered by its folder CID, as the shipped models are.
 */
import type { TuneMemoryMixture } from '../../lib/generation/sampling/tune-memory';
import { TRUSTING_MEMORY } from '../studio/trusting-memory';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointCid } from '../../lib/generation/models/checkpoint-files';
import { getShippedLatentModel, type ShippedModel } from '../../lib/generation/models/registry';
import { NODE_ADAPTERS } from '../../lib/generation/models/node-adapters';
import { blendGeneration, latentBarsEdit } from '../../lib/studio/blend';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { pinTrack } from '../../lib/tracks/track-folder';
import { ReplayError } from '../../lib/provenance/errors';
import { compose, type ComposeResult } from '../../lib/generation/compose/compose';
import type { EditOp } from '../../lib/generation/edit-log/schema';
import type { ComposeRequest } from '../../lib/generation/compose/request';
import { primerDigest } from '../../lib/generation/compose/primer-digest';
import { primerFromMidi } from '../../lib/studio/primer';
import { humaniseOps } from '../../lib/studio/humanise';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../../lib/generation/models/node-loader';
import { notesDigest } from '../../lib/generation/notes/digest';
import {
  IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
  IPTC_TRAINED_ALGORITHMIC_MEDIA,
} from '../../lib/provenance/disclosure';
import { buildManifest, type BuildManifestParameters } from '../../lib/provenance/manifest';
import type { Procedure, TrackManifest } from '../../lib/provenance/manifest-schema';
import {
  MOTIF_ARRANGEMENT,
  MOTIF_ARRANGEMENT_METER,
  MOTIF_SAMPLER,
  UnknownProcedureError,
} from '../../lib/provenance/procedures';
import type { RecordedMeter } from '../../lib/generation/arrangement/meter';
import type { FormPlan } from '../../lib/generation/compose/form-plan';
import { generationFromComposeRequest, manifestNotes, melodyNotes } from '../../lib/provenance/studio-session';
import { createNodeReplay, type NodeReplay } from '../../lib/provenance/replay-node';
import { verifyTrack } from '../../lib/provenance/verify-track';
import { applyEdits } from '../../lib/generation/edit-log/apply';
import { WAV_SAMPLE_RATE } from '../../lib/generation/export/wav';
import { pcmSha256 } from '../../lib/generation/render/sf/digest';
import { DEFAULT_SF_MIX } from '../../lib/generation/render/sf/gm';
import { shippedSoundBank } from '../../lib/generation/render/sf/node-soundfont';
import { soundfontRenderRecord } from '../../lib/generation/render/sf/record';
import { renderWithSoundFont } from '../../lib/generation/render/sf/sf-renderer';
import { CHAIN_ID, COLLECTION, makeMidi, makeWav, makeTrack, manifestParams, REQUEST } from './fixtures';

const H = 8;
const VOCAB = 38; // MelodyConverter 48..83
let dir: string;
let publicDir: string;
let model: ShippedModel;
let replay: NodeReplay;
let rnn: MusicRnnInstance;

async function writeCheckpoint(folder: string, seed: number): Promise<void> {
  await mkdir(folder, { recursive: true });
  let s = seed;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * 0.8;
  };
  const weights = [
    { name: 'rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel', shape: [VOCAB + H, 4 * H] },
    { name: 'rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias', shape: [4 * H] },
    { name: 'fully_connected/weights', shape: [H, VOCAB] },
    { name: 'fully_connected/biases', shape: [VOCAB] },
  ];
  const total = weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  const data = new Float32Array(total).map(() => rand());
  await writeFile(
    path.join(folder, 'config.json'),
    JSON.stringify({
      type: 'MusicRNN',
      dataConverter: { type: 'MelodyConverter', args: { minPitch: 48, maxPitch: 83 } },
    }),
  );
  await writeFile(
    path.join(folder, 'weights_manifest.json'),
    JSON.stringify([{ paths: ['group1-shard1of1'], weights: weights.map((w) => ({ ...w, dtype: 'float32' })) }]),
  );
  await writeFile(path.join(folder, 'group1-shard1of1'), new Uint8Array(data.buffer));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-replay-'));
  publicDir = path.join(dir, 'public');
  await writeCheckpoint(path.join(publicDir, 'models', 'tiny'), 7);
  model = {
    source: 'shipped',
    id: 'test/tiny-melody',
    task: 'melody',
    family: 'MusicRNN',
    urlPath: '/models/tiny',
    weightsCid: await checkpointCid(path.join(publicDir, 'models', 'tiny')),
    files: [],
    minPitch: 48,
    maxPitch: 83,
    architecture: '1x8 LSTM (random)',
    license: 'CC0-1.0',
    trainingData: 'none',
    card: '',
  };
  replay = createNodeReplay({ models: [model], publicDir });
  rnn = await loadMusicRnnFromFolder(path.join(publicDir, 'models', 'tiny'));
});
afterAll(async () => {
  replay?.dispose();
  rnn?.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** Studio edits that apply to any composed arrangement. */
const OPS: EditOp[] = [
  { op: 'transpose', semitones: 2, tracks: ['melody'] },
  { op: 'setTempo', bpm: 100 },
  { op: 'addNote', track: 'melody', note: { pitch: 72, quantizedStartStep: 16, quantizedEndStep: 20, velocity: 90 } },
];

type Session = { result: ComposeResult; params: BuildManifestParameters };

/** A studio session (compose with the studio's own function, then edits) and the manifest parameters it gives. */
async function studioSession(
  over: {
    seed?: number;
    weightsCid?: string;
    sampler?: Procedure;
    arrangement?: Procedure;
    ops?: EditOp[];
    engine?: 'js' | 'tfjs';
    form?: FormPlan;
    memory?: TuneMemoryMixture;
    onsetWeight?: number;
    primer?: ComposeRequest['primer'];
    meter?: RecordedMeter;
    bars?: number;
  } = {},
): Promise<Session> {
  const p = await manifestParams('0x70997970C51812dc3A010C7d01b50e0d17dc79C8', makeWav(), makeMidi());
  const request = {
    ...REQUEST,
    modelId: model.id,
    seed: over.seed ?? REQUEST.seed,
    ...(over.form ? { form: over.form } : {}),
    ...(over.memory ? { memory: over.memory } : {}),
    ...(over.onsetWeight !== undefined ? { onsetWeight: over.onsetWeight } : {}),
    ...(over.meter ? { meter: over.meter } : {}),
    ...(over.bars ? { bars: over.bars } : {}),
    ...(over.primer ? { primer: over.primer, bars: 4, progression: ['C', 'G'] } : {}),
  };
  const result = await compose(rnn, request, { engine: over.engine ?? 'js' });
  const ops = over.ops ?? OPS;
  const { final: _final, ...notes } = await manifestNotes(result.arrangement, ops);
  return {
    result,
    params: {
      ...p,
      model: { ...p.model, id: model.id, weightsCid: over.weightsCid ?? model.weightsCid, backend: result.backend },
      generation: generationFromComposeRequest(request, result.progression, over.sampler, over.arrangement),
      notes,
      editLog: ops,
    },
  };
}

async function manifestFor(over: Parameters<typeof studioSession>[0] = {}): Promise<TrackManifest> {
  return buildManifest((await studioSession(over)).params);
}

describe('a manifest from a studio session', () => {
  it('records the ComposeRequest, ComposeResult.digest, the edited melody and the edit log; composite disclosure iff edits', async () => {
    const { result, params } = await studioSession();
    const m = buildManifest(params);
    expect(m.notes.generatedDigest).toBe(result.digest);
    expect(m.notes.generatedDigest).toBe(await notesDigest(melodyNotes(result.arrangement)));
    expect(m.notes.finalDigest).not.toBe(m.notes.generatedDigest);
    expect(m.edits.log).toEqual({ version: 1, ops: OPS });
    expect(m.edits.summary).toMatchObject({ total: 3, transpose: 1, setTempo: 1, addNote: 1, updateNote: 0 });
    expect(m.aiDisclosure).toEqual({
      digitalSourceType: IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
      humanEdited: true,
    });
    expect(m.generation).toMatchObject({
      seed: REQUEST.seed,
      temperature: REQUEST.temperature,
      bars: REQUEST.bars,
      tempo: REQUEST.tempo,
      key: REQUEST.key,
      scale: REQUEST.scale,
      primer: REQUEST.primer,
      requestVersion: 1,
      chordsPerBar: result.progression,
    });
    expect(m.model.backend).toBe('cpu-js');

    const raw = buildManifest((await studioSession({ ops: [] })).params);
    expect(raw.notes.finalDigest).toBe(raw.notes.generatedDigest);
    expect(raw.aiDisclosure).toEqual({ digitalSourceType: IPTC_TRAINED_ALGORITHMIC_MEDIA, humanEdited: false });
  });
});

describe('default Node replay', () => {
  it('replays the studio compose to the same digest (js and tfjs engines), another seed to another', async () => {
    const m = await manifestFor();
    const a = await replay(m);
    expect(a).toBe(m.notes.generatedDigest);
    expect(await replay(await manifestFor())).toBe(a);
    const viaTfjs = await manifestFor({ engine: 'tfjs' });
    expect(viaTfjs.model.backend).toBe('cpu');
    expect(await replay(viaTfjs)).toBe(a);
    expect(await replay(await manifestFor({ seed: 999 }))).not.toBe(a);
  });

  it('re-runs a MusicVAE latentBars edit with the shipped VAE, and refuses one whose notes were changed', async () => {
    const vae = getShippedLatentModel('motif-vae-2bar-v1');
    const folder = path.join(publicDir, vae.urlPath);
    await cp(path.join(process.cwd(), 'public', vae.urlPath), folder, { recursive: true });
    const latent = (await NODE_ADAPTERS.MusicVAE.loadFolder(folder)).latent;
    if (!latent) throw new Error('the shipped VAE has no latent operations');
    const base = (await studioSession({ ops: [] })).result.arrangement;
    const request = { operation: 'vary', barA: 0, amount: 0.6, count: 2, seed: 3, temperature: 0.5 } as const;
    const op = latentBarsEdit(base, blendGeneration(base, vae, request), 1, 0, (g, bar) =>
      latent.latentBarsNotes(g, bar),
    );
    if (op.op !== 'latentBars' || op.notes.length === 0) throw new Error('expected a latentBars edit with notes');
    const m = await manifestFor({ ops: [op] });
    expect(m.edits.summary).toMatchObject({ total: 1, latentBars: 1 });
    expect(await replay(m)).toBe(m.notes.generatedDigest);
    const forged = { ...op, notes: op.notes.map((n, i) => (i === 0 ? { ...n, pitch: n.pitch + 1 } : n)) };
    const bad = await manifestFor({ ops: [forged] });
    await expect(replay(bad)).rejects.toThrow(ReplayError);
    await expect(replay(bad)).rejects.toThrow(/latentBars/);
  });

  it('replays a form plan with sampler version 2, and refuses a plan under version 1 and version 2 without one', async () => {
    const form: FormPlan = { unitBars: 1, sections: ['A', 'A'], cadence: 'tonic' };
    const m = await manifestFor({ form });
    expect(m.generation.sampler).toEqual({ id: 'motif.sfc32-categorical', version: 2 });
    expect(m.generation.form).toEqual(form);
    expect(await replay(m)).toBe(m.notes.generatedDigest);
    expect(m.notes.generatedDigest).not.toBe((await manifestFor()).notes.generatedDigest);
    await expect(replay({ ...m, generation: { ...m.generation, sampler: MOTIF_SAMPLER } })).rejects.toThrow(
      /sampler motif.sfc32-categorical\/1 does not match the manifest's inputs \(no onset weight, no tune memory, a form plan\): they need motif.sfc32-categorical\/2/,
    );
    const plain = await manifestFor();
    expect(plain.generation.sampler).toEqual(MOTIF_SAMPLER);
    await expect(
      replay({ ...plain, generation: { ...plain.generation, sampler: { id: 'motif.sfc32-categorical', version: 2 } } }),
    ).rejects.toThrow(/no tune memory, no form plan\): they need motif.sfc32-categorical\/1/);
  });

  it('replays a tune memory with sampler version 3 (with and without a form), and refuses it under another version', async () => {
    const memory = TRUSTING_MEMORY;
    const m = await manifestFor({ memory });
    expect(m.generation.sampler).toEqual({ id: 'motif.sfc32-categorical', version: 3 });
    expect(m.generation.memory).toEqual(memory);
    expect(await replay(m)).toBe(m.notes.generatedDigest);
    expect(m.notes.generatedDigest).not.toBe((await manifestFor()).notes.generatedDigest);
    const form: FormPlan = { unitBars: 1, sections: ['A', 'A'], cadence: 'tonic' };
    const both = await manifestFor({ memory, form });
    expect(both.generation.sampler.version).toBe(3);
    expect(await replay(both)).toBe(both.notes.generatedDigest);
    await expect(replay({ ...m, generation: { ...m.generation, sampler: MOTIF_SAMPLER } })).rejects.toThrow(
      /\(no onset weight, a tune memory, no form plan\): they need motif.sfc32-categorical\/3/,
    );
    // a version 3 manifest whose memory was taken out is refused, never replayed as version 1
    const { memory: _taken, ...withoutMemory } = m.generation;
    await expect(replay({ ...m, generation: withoutMemory })).rejects.toThrow(/no tune memory/);
    // weights changed after signing: the replay gives another melody
    const altered = {
      ...memory,
      weights: [
        [1, 0, 0],
        [0.9, 0.1, 0],
        [0.9, 0.05, 0.05],
      ],
    };
    expect(await replay({ ...m, generation: { ...m.generation, memory: altered } })).not.toBe(m.notes.generatedDigest);
  });

  it('replays an onset weight with sampler version 4 (with and without a memory and a form), and refuses it under another version', async () => {
    const m = await manifestFor({ onsetWeight: 1.5 });
    expect(m.generation.sampler).toEqual({ id: 'motif.sfc32-categorical', version: 4 });
    expect(m.generation.onsetWeight).toBe(1.5);
    expect(await replay(m)).toBe(m.notes.generatedDigest);
    expect(m.notes.generatedDigest).not.toBe((await manifestFor()).notes.generatedDigest);
    const form: FormPlan = { unitBars: 1, sections: ['A', 'A'], cadence: 'tonic' };
    const all = await manifestFor({ onsetWeight: 1.5, memory: TRUSTING_MEMORY, form });
    expect(all.generation.sampler.version).toBe(4);
    expect(await replay(all)).toBe(all.notes.generatedDigest);
    await expect(
      replay({ ...all, generation: { ...all.generation, sampler: { id: 'motif.sfc32-categorical', version: 3 } } }),
    ).rejects.toThrow(/\(an onset weight, a tune memory, a form plan\): they need motif.sfc32-categorical\/4/);
    // a version 4 manifest whose weight was taken out is refused, never replayed as version 1
    const { onsetWeight: _taken, ...withoutWeight } = m.generation;
    await expect(replay({ ...m, generation: withoutWeight })).rejects.toThrow(/no onset weight/);
    // a weight changed after signing gives another melody
    expect(await replay({ ...m, generation: { ...m.generation, onsetWeight: 1.25 } })).not.toBe(
      m.notes.generatedDigest,
    );
  });

  it('replays a 6/8 and a 3/4 piece with arrangement version 2, and refuses a meter under version 1 and version 2 without one', async () => {
    const form: FormPlan = { unitBars: 2, sections: ['A', 'A'], cadence: 'tonic' };
    const m = await manifestFor({ form, meter: '6/8', bars: 4 });
    expect(m.generation.meter).toBe('6/8');
    expect(m.generation.arrangement).toEqual(MOTIF_ARRANGEMENT_METER);
    expect(await replay(m)).toBe(m.notes.generatedDigest);
    // the same request in 4/4 records no meter, arrangement version 1, and other notes
    const common = await manifestFor({ form, bars: 4 });
    expect('meter' in common.generation).toBe(false);
    expect(common.generation.arrangement).toEqual(MOTIF_ARRANGEMENT);
    expect(common.notes.generatedDigest).not.toBe(m.notes.generatedDigest);
    const waltz = await manifestFor({ form, meter: '3/4', bars: 4 });
    expect(await replay(waltz)).toBe(waltz.notes.generatedDigest);
    await expect(replay({ ...m, generation: { ...m.generation, arrangement: MOTIF_ARRANGEMENT } })).rejects.toThrow(
      /arrangement motif.arrange\/1 is 4\/4 only/,
    );
    await expect(
      replay({ ...common, generation: { ...common.generation, arrangement: MOTIF_ARRANGEMENT_METER } }),
    ).rejects.toThrow(/needs generation.meter/);
  });

  it('checks the edit log against the final digest and count', async () => {
    const { params } = await studioSession();
    await expect(
      replay(buildManifest({ ...params, notes: { ...params.notes, finalDigest: `sha256:${'b'.repeat(64)}` } })),
    ).rejects.toThrow(/final melody/);
    await expect(
      replay(buildManifest({ ...params, notes: { ...params.notes, finalCount: params.notes.finalCount + 1 } })),
    ).rejects.toThrow(/notes, the manifest records/);
    const missing: EditOp = {
      op: 'removeNote',
      track: 'melody',
      note: { pitch: 1, quantizedStartStep: 0, quantizedEndStep: 1, velocity: 1 },
    };
    await expect(replay(buildManifest({ ...params, editLog: [...OPS, missing] }))).rejects.toThrow(/does not apply/);
  });

  it('re-renders a SoundFont render from the final arrangement and compares its PCM digest', async () => {
    const { result, params } = await studioSession();
    const final = applyEdits(result.arrangement, OPS);
    const audio = await renderWithSoundFont(final, DEFAULT_SF_MIX, await shippedSoundBank(), {
      sampleRate: WAV_SAMPLE_RATE,
    });
    const withAudio = (pcm: `0x${string}`) =>
      buildManifest({
        ...params,
        render: {
          ...params.render,
          sampleRate: WAV_SAMPLE_RATE,
          soundfont: soundfontRenderRecord(DEFAULT_SF_MIX, pcm),
        },
      });
    const honest = withAudio(pcmSha256(audio.channels));
    expect(await replay(honest)).toBe(honest.notes.generatedDigest);
    await expect(replay(withAudio(`0x${'c'.repeat(64)}`))).rejects.toThrow(/re-rendering the audio gives PCM sha256/);
    const louder = buildManifest({
      ...params,
      render: {
        ...params.render,
        sampleRate: WAV_SAMPLE_RATE,
        soundfont: {
          ...soundfontRenderRecord(DEFAULT_SF_MIX, pcmSha256(audio.channels)),
          mix: { ...DEFAULT_SF_MIX, tracks: DEFAULT_SF_MIX.tracks.map((t) => ({ ...t, volume: 127 })) },
        },
      },
    });
    await expect(replay(louder)).rejects.toThrow(/re-rendering the audio/);
  });

  it('replays humanised timing: the offsets travel in the edit log, give the final digest and re-render bit for bit', async () => {
    const composed = (await studioSession({ ops: [] })).result.arrangement;
    const ops = humaniseOps(composed, { track: 'melody', seed: 11, amount: 0.4, timing: 1 });
    expect(ops.some((o) => o.op === 'updateNote' && o.to.offsetTicks !== undefined)).toBe(true);
    const { result, params } = await studioSession({ ops });
    const final = applyEdits(result.arrangement, ops);
    const bank = await shippedSoundBank();
    const audio = await renderWithSoundFont(final, DEFAULT_SF_MIX, bank, { sampleRate: WAV_SAMPLE_RATE });
    const onGrid = await renderWithSoundFont(
      applyEdits(result.arrangement, humaniseOps(composed, { track: 'melody', seed: 11, amount: 0.4 })),
      DEFAULT_SF_MIX,
      bank,
      { sampleRate: WAV_SAMPLE_RATE },
    );
    expect(pcmSha256(audio.channels)).not.toBe(pcmSha256(onGrid.channels));
    const withAudio = (editLog: EditOp[], notes = params.notes) =>
      buildManifest({
        ...params,
        editLog,
        notes,
        render: {
          ...params.render,
          sampleRate: WAV_SAMPLE_RATE,
          soundfont: soundfontRenderRecord(DEFAULT_SF_MIX, pcmSha256(audio.channels)),
        },
      });
    const m = withAudio(ops);
    // the manifest's edit log carries the offsets, and its final digest counts them
    expect(JSON.stringify(m.edits.log)).toContain('"offsetTicks"');
    expect(m.notes.finalDigest).toBe(await notesDigest(melodyNotes(final)));
    expect(m.notes.finalDigest).not.toBe(await notesDigest(melodyNotes(result.arrangement)));
    expect(await replay(m)).toBe(m.notes.generatedDigest);
    // the same log with the offsets dropped replays to another melody and other audio
    const dropped: EditOp[] = ops.map((o) => {
      if (o.op !== 'updateNote') return o;
      const { offsetTicks: _dropped, ...to } = o.to;
      return { ...o, to };
    });
    await expect(replay(withAudio(dropped))).rejects.toThrow(/final melody/);
  });

  it('refuses weights it does not ship, weights whose files changed, and other samplers and arrangements', async () => {
    await expect(
      replay(await manifestFor({ weightsCid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi' })),
    ).rejects.toThrow(/no shipped model/);
    await expect(
      replay(await manifestFor({ sampler: { id: 'magenta.multinomial', version: 1 } })),
    ).rejects.toBeInstanceOf(ReplayError);
    await expect(
      replay(await manifestFor({ sampler: { id: 'motif.sfc32-categorical', version: 5 } })),
    ).rejects.toBeInstanceOf(UnknownProcedureError);
    await expect(replay(await manifestFor({ sampler: { id: 'motif.sfc32-categorical', version: 5 } }))).rejects.toThrow(
      /cannot replay sampler motif.sfc32-categorical\/5: this verifier implements motif.sfc32-categorical\/1, motif.sfc32-categorical\/2, motif.sfc32-categorical\/3, motif.sfc32-categorical\/4/,
    );
    await expect(replay(await manifestFor({ arrangement: { id: 'motif.arrange', version: 9 } }))).rejects.toThrow(
      /cannot replay arrangement motif.arrange\/9: this verifier implements motif.arrange\/1/,
    );
    const otherPublic = path.join(dir, 'public-tampered');
    await writeCheckpoint(path.join(otherPublic, 'models', 'tiny'), 8); // same names, other weights
    const tampered = createNodeReplay({ models: [model], publicDir: otherPublic });
    await expect(tampered(await manifestFor())).rejects.toThrow(/has CID .* not /);
    tampered.dispose();
  });

  it("replays a manifest whose primer is the creator's own MIDI, its digest recorded; a changed primer is refused", async () => {
    const own = primerFromMidi(makeMidi(), 'mine.mid');
    const primer = { type: 'melody' as const, notes: own.notes, totalSteps: own.totalSteps };
    const { result, params } = await studioSession({ primer });
    const m = buildManifest(params);
    expect(m.generation.primer).toEqual(primer);
    expect(m.generation.primerDigest).toBe(primerDigest(own));
    expect(
      melodyNotes(result.arrangement)
        .slice(0, own.notes.length)
        .map((n) => n.quantizedStartStep),
    ).toEqual(own.notes.map((n) => n.quantizedStartStep));
    expect(await replay(m)).toBe(m.notes.generatedDigest);
    // the primer is in the manifest: another primer under the recorded digest does not parse
    const other = { ...primer, notes: primer.notes.map((n) => ({ ...n, pitch: n.pitch === 60 ? 62 : 60 })) };
    expect(() => buildManifest({ ...params, generation: { ...params.generation, primer: other } })).toThrow(
      /primerDigest.*must be the digest of generation.primer/s,
    );
    // manifests made before the digest existed (no primerDigest) replay unchanged
    const { primerDigest: _d, ...before } = params.generation;
    expect(await replay(buildManifest({ ...params, generation: before }))).toBe(m.notes.generatedDigest);
  });

  it('plugs into verifyTrack: a pinned track replays to its recorded digest, in 4/4 and in 6/8', async () => {
    const storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
    try {
      const creator = privateKeyToAccount('0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a');
      for (const session of [await studioSession(), await studioSession({ meter: '6/8', bars: 4 })]) {
        const track = await makeTrack(creator, CHAIN_ID, COLLECTION, {
          adjust: (p) => ({ ...session.params, creator: p.creator }),
        });
        const pinned = await pinTrack(storage, track);
        const r = await verifyTrack({ cid: pinned.cid, storage, replay });
        expect(r.checks.find((c) => c.name === 'replay')).toMatchObject({ pass: true });
        expect(r.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual(['chain']);
      }
    } finally {
      await storage.close();
    }
  });
});
