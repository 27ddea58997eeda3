/**
 * The generation API: a ComposeRequest + a loaded MusicRNN -> melody (seeded), progression, full arrangement.
 * Runs in the studio's Web Worker (app/studio/compose.worker.ts) and in Node (tests, verifiers) alike.
 */
import { arrange } from '../arrangement/arrange';
import { keyPitchClass, snapToScale } from '../arrangement/theory';
import type { Arrangement, ArrangementNote } from '../arrangement/types';
import { stepsPerBarOf } from '../arrangement/meter';
import { melodyEventsFromNotes, notesFromMelodyEvents, type QuantizedNote } from '../notes/melody';
import { notesDigest } from '../notes/digest';
import { spliceOutBar } from '../edit-log/apply';
import type { EditOp } from '../edit-log/schema';
import { parseComposeRequest, progressionFor, type ComposeRequest } from './request';
import { sampleMelodyEvents, TFJS_VERSION, type SampleEngine } from './sample';
import { formDirectives } from './form-plan';
import { musicRnnInternals } from '../sampling/musicrnn-internals';
import { BaseError } from '../../errors/base';

export const MELODY_VELOCITY = 100;

export type ComposeProgress = { phase: 'generate' | 'arrange'; fraction: number };
export type ComposeOptions = {
  onProgress?: (p: ComposeProgress) => void;
  signal?: AbortSignal;
  yieldEvery?: number;
  engine?: SampleEngine;
};

export type ComposeResult = {
  request: ComposeRequest;
  /** Melody notes over the whole piece (primer included), velocity MELODY_VELOCITY. */
  melody: ArrangementNote[];
  /** One chord symbol per bar. */
  progression: string[];
  /** How the progression was chosen. */
  progressionSource: 'request' | `suggested:${string}`;
  arrangement: Arrangement;
  /** notesDigest(melody) (lib/generation/notes/digest.ts): `sha256:<hex>` of the canonical note JSON. */
  digest: string;
  /** What computed the logits: "cpu-js" (fast-lstm.ts, exact tfjs-cpu arithmetic) or the tfjs backend ("cpu"). */
  backend: string;
  /** tfjs version (its cpu kernels fix the float32 arithmetic), e.g. "2.8.6". */
  tfjsVersion: string;
  ms: number;
};

export class ComposeError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'ComposeError';
  }
}

/** The melody primer the model continues: the request's notes, or the tonic (C4..B4) for one quarter note. */
export function primerFor(req: ComposeRequest): { notes: QuantizedNote[]; totalSteps: number } {
  if (req.primer.type === 'melody') return { notes: req.primer.notes, totalSteps: req.primer.totalSteps };
  return { notes: [{ pitch: 60 + keyPitchClass(req.key), quantizedStartStep: 0, quantizedEndStep: 4 }], totalSteps: 4 };
}

export { progressionFor };

function finishNotes(
  notes: QuantizedNote[],
  req: ComposeRequest,
  range: { minPitch: number; maxPitch: number },
): ArrangementNote[] {
  return notes.map((n) => ({
    pitch: req.snapToScale ? snapToScale(n.pitch, req.key, req.scale, range.minPitch, range.maxPitch) : n.pitch,
    quantizedStartStep: n.quantizedStartStep,
    quantizedEndStep: n.quantizedEndStep,
    velocity: MELODY_VELOCITY,
  }));
}

/** Composes a whole piece. `model` is an initialised @magenta/music MusicRNN (tfjs cpu backend for replayability). */
export async function compose(model: unknown, request: unknown, opts: ComposeOptions = {}): Promise<ComposeResult> {
  const t0 = performance.now();
  const req = parseComposeRequest(request);
  const primer = primerFor(req);
  const { chords, source } = progressionFor(req);
  const totalSteps = req.bars * stepsPerBarOf(req);
  let primerEvents: number[];
  try {
    primerEvents = Array.from(melodyEventsFromNotes(primer.notes, primer.totalSteps));
  } catch (e) {
    throw new ComposeError(`primer: ${(e as Error).message}`);
  }
  const internals = musicRnnInternals(model);
  const sampled = await sampleMelodyEvents({
    model,
    seed: req.seed,
    temperature: req.temperature,
    primerEvents,
    steps: totalSteps - primer.totalSteps,
    signal: opts.signal,
    yieldEvery: opts.yieldEvery,
    engine: opts.engine,
    onProgress: (done, total) => opts.onProgress?.({ phase: 'generate', fraction: done / total }),
    ...(internals.chordEncoder ? { chordProgression: chords } : {}),
    ...(req.meter ? { meter: req.meter } : {}),
    ...(req.memory ? { memory: req.memory } : {}),
    ...(req.onsetWeight !== undefined ? { onsetWeight: req.onsetWeight } : {}),
    ...(req.form
      ? {
          directives: formDirectives(req.form, {
            bars: req.bars,
            primerSteps: primer.totalSteps,
            key: req.key,
            minPitch: internals.minPitch,
            maxPitch: internals.maxPitch,
            ...(req.meter ? { meter: req.meter } : {}),
          }),
        }
      : {}),
  });
  const range = { minPitch: sampled.minPitch, maxPitch: sampled.maxPitch };
  const continuation = notesFromMelodyEvents(sampled.events, range).map((n) => ({
    ...n,
    quantizedStartStep: n.quantizedStartStep + primer.totalSteps,
    quantizedEndStep: n.quantizedEndStep + primer.totalSteps,
  }));
  const melody = finishNotes([...primer.notes, ...continuation], req, range);
  opts.onProgress?.({ phase: 'arrange', fraction: 1 });
  const arrangement = arrange({
    melody,
    progression: chords,
    bars: req.bars,
    tempo: req.tempo,
    key: req.key,
    scale: req.scale,
    style: req.style,
    instruments: req.instruments,
    ...(req.meter ? { meter: req.meter } : {}),
  });
  return {
    request: req,
    melody: arrangement.tracks[0]?.notes ?? melody,
    progression: chords,
    progressionSource: source,
    arrangement,
    digest: await notesDigest(arrangement.tracks[0]?.notes ?? melody),
    backend: sampled.backend,
    tfjsVersion: TFJS_VERSION,
    ms: performance.now() - t0,
  };
}

export type RegenerateBarParams = {
  model: unknown;
  modelId: string;
  arrangement: Arrangement;
  bar: number;
  seed: number;
  temperature: number;
  snapToScale: boolean;
  signal?: AbortSignal;
  engine?: SampleEngine;
};

/**
 * Re-samples one melody bar, continuing the melody that precedes it (bar 0 starts from the tonic), and returns the
 * edit-log operation (apply it with applyEdit / pushEdit).
 */
export async function regenerateBar(p: RegenerateBarParams): Promise<Extract<EditOp, { op: 'regenerateBar' }>> {
  const a = p.arrangement;
  if (!Number.isInteger(p.bar) || p.bar < 0 || p.bar >= a.bars)
    throw new ComposeError(`bar ${p.bar} is outside 0..${a.bars - 1}`);
  const barSteps = stepsPerBarOf(a);
  const start = p.bar * barSteps;
  const melodyTrack = a.tracks.find((t) => t.id === 'melody');
  const before = spliceOutBar(melodyTrack?.notes ?? [], start, Number.MAX_SAFE_INTEGER).filter(
    (n) => n.quantizedEndStep <= start,
  );
  const internals = musicRnnInternals(p.model);
  const inRange = before.filter((n) => n.pitch >= internals.minPitch && n.pitch <= internals.maxPitch);
  const primerNotes: QuantizedNote[] =
    start > 0 ? inRange : [{ pitch: 60 + keyPitchClass(a.key), quantizedStartStep: 0, quantizedEndStep: 4 }];
  const primerSteps = start > 0 ? start : 4;
  const primerEvents = Array.from(melodyEventsFromNotes(primerNotes, primerSteps, internals));
  const steps = start > 0 ? barSteps : barSteps - 4;
  const sampled = await sampleMelodyEvents({
    model: p.model,
    seed: p.seed,
    temperature: p.temperature,
    primerEvents,
    steps,
    signal: p.signal,
    engine: p.engine,
    ...(internals.chordEncoder ? { chordProgression: a.progression.slice(0, p.bar + 1) } : {}),
    ...(a.meter ? { meter: a.meter } : {}),
  });
  const offset = start > 0 ? start : 4;
  const fresh = notesFromMelodyEvents(sampled.events, internals).map((n) => ({
    pitch: p.snapToScale ? snapToScale(n.pitch, a.key, a.scale, internals.minPitch, internals.maxPitch) : n.pitch,
    quantizedStartStep: n.quantizedStartStep + offset,
    quantizedEndStep: Math.min(n.quantizedEndStep + offset, start + barSteps),
    velocity: MELODY_VELOCITY,
  }));
  const notes = start > 0 ? fresh : [{ ...(primerNotes[0] as QuantizedNote), velocity: MELODY_VELOCITY }, ...fresh];
  return {
    op: 'regenerateBar',
    bar: p.bar,
    notes: notes.filter((n) => n.quantizedEndStep > n.quantizedStartStep),
    generation: { modelId: p.modelId, seed: p.seed, temperature: p.temperature, backend: sampled.backend },
  };
}
