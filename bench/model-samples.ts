/**
 * Form and harmony of what the studio writes (issue #18's `model.samples.*` goals): 100 seeded 16-bar pieces with
 * the studio's default form (lib/studio/compose-form.ts: its default model, C major, chords "C G Am F", style, tempo,
 * temperature, melodic form and tune memory on) and snapping off, composed in Node by the studio's own `compose`
 * (plain-JS sampling engine, the one replay uses for `cpu-js` manifests). The same pieces are also composed with the
 * chord-conditioned model, which the issue asks the studio to use whenever chords are given; its figures are in the
 * notes beside the studio's, with the figures of the same pieces with the melodic form switched off, and with the
 * tune memory switched off.
 * The training melodies (Nottingham and JSB soprano train splits, as the models were trained on them) are indexed
 * by every 4-bar window to find verbatim copies. The MGEval overlapping area (lib/generation/eval/mgeval.ts) compares
 * the pieces' note statistics with the first 16 bars of the real test tunes of the Nottingham corpus (the corpus of
 * the chord-conditioned model; its test split after hygiene, lib/generation/eval/hygiene.ts), beside a real-vs-real
 * anchor measured in the same run: the first 16 bars of the Nottingham validation tunes (after hygiene) against the
 * same test tunes.
 */
import { join } from 'node:path';
import { round, type BenchFigure, type BenchModule } from './figure';
import { loadJsbSoprano, loadModelCorpus, loadNottingham } from '../lib/generation/eval/corpus';
import { cleanEvaluationSplits } from '../lib/generation/eval/hygiene';
import {
  barRepeatShare,
  copiesAWindow,
  endsOnTonic,
  stepTokens,
  windowIndex,
} from '../lib/generation/eval/form-metrics';
import { mgevalOverlap, openingExcerpts, type MgevalResult } from '../lib/generation/eval/mgeval';
import type { QuantizedNote } from '../lib/generation/notes/melody';
import { loadMusicRnnFromFolder } from '../lib/generation/models/node-loader';
import { defaultModel, SHIPPED_MODELS } from '../lib/generation/models/registry';
import { notesFromMelodyEvents } from '../lib/generation/notes/melody';
import { defaultComposeForm, defaultTemperatureOf, type ComposeForm } from '../lib/studio/compose-form';
import { harmonyShares, seedRange, studioPieces } from '../lib/studio/studio-pieces';
import { meterSpec, type Meter } from '../lib/generation/arrangement/meter';
import { METER_CLASSES, type MeterStep } from '../lib/generation/notes/meter-encoding';
import { MELODY_FIRST_PITCH } from '../lib/generation/notes/melody';
import type { EncodedPiece } from '../lib/generation/eval/corpus';
import { STEPS_PER_BAR } from '../lib/generation/arrangement/types';
import { STUDIO_ONSET_WEIGHT_FITS } from '../lib/generation/models/studio-onset-weight';
import { procedureLabel, samplerFor } from '../lib/provenance/procedures';
import type { ComposeRequest } from '../lib/generation/compose/request';

const PIECES = 100;
const BARS = 16;
const COPY_WINDOW = 4 * STEPS_PER_BAR;

type SampleFigures = {
  modelId: string;
  barRepeat: number;
  tonicEnding: number;
  inKey: number;
  chordTone: number;
  copy4Bars: number;
  pieces: QuantizedNote[][];
  /** The first piece's request (the sampler it names is every piece's). */
  request: ComposeRequest | undefined;
};

async function measure(
  modelId: string,
  trainingIndex: ReadonlySet<string>,
  switches: Pick<ComposeForm, 'melodyForm' | 'tuneMemory' | 'noteDensity'> = defaultComposeForm(),
): Promise<SampleFigures> {
  const model = SHIPPED_MODELS.find((m) => m.id === modelId);
  if (!model) throw new Error(`no shipped model ${modelId}`);
  const rnn = await loadMusicRnnFromFolder(join(process.cwd(), 'public', model.urlPath));
  try {
    let repeat = 0;
    let tonic = 0;
    let copies = 0;
    const form = {
      melodyForm: switches.melodyForm,
      tuneMemory: switches.tuneMemory,
      noteDensity: switches.noteDensity,
    };
    const composed = await studioPieces({ model: rnn, modelId, seeds: seedRange(1, PIECES), bars: BARS, form });
    const pieces = composed.map((piece) => piece.result.melody);
    for (const { request, result } of composed) {
      const melody = result.melody;
      repeat += barRepeatShare(melody, BARS);
      if (endsOnTonic(melody, request.key)) tonic++;
      if (copiesAWindow(stepTokens(melody, BARS * STEPS_PER_BAR), trainingIndex, COPY_WINDOW)) copies++;
    }
    const harmony = harmonyShares(composed);
    return {
      modelId,
      barRepeat: repeat / PIECES,
      tonicEnding: tonic / PIECES,
      inKey: harmony.inKey,
      chordTone: harmony.chordTone,
      copy4Bars: copies / PIECES,
      pieces,
      request: composed[0]?.request,
    };
  } finally {
    rnn.dispose();
  }
}

/** Share of note onsets at each sixteenth of the bar (a histogram summing to 1). */
function normalised(counts: number[]): number[] {
  const sum = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (sum ? c / sum : 0));
}

/** Overlap of two histograms: the sum of the smaller share at each position (1 = the same distribution). */
function histogramOverlap(a: readonly number[], b: readonly number[]): number {
  return a.reduce((acc, x, i) => acc + Math.min(x, b[i] ?? 0), 0);
}

/** Where in the bar the Nottingham tunes written in `meter` start their notes (from their time signatures). */
function corpusOnsets(tunes: readonly EncodedPiece[], meter: Meter): number[] {
  const spec = meterSpec(meter);
  const cls = METER_CLASSES.indexOf(meter);
  const counts = new Array<number>(spec.stepsPerBar).fill(0);
  for (const p of tunes)
    p.events.forEach((e, t) => {
      const at: MeterStep | undefined = p.meterSteps?.[t];
      if (e >= MELODY_FIRST_PITCH && at?.meterClass === cls && at.position < spec.stepsPerBar) counts[at.position]!++;
    });
  return normalised(counts);
}

/** Where in the bar `PIECES` studio pieces in `meter` (studio defaults, no snapping) start their notes. */
async function studioOnsets(modelId: string, meter: Meter): Promise<number[]> {
  const model = SHIPPED_MODELS.find((m) => m.id === modelId);
  if (!model) throw new Error(`no shipped model ${modelId}`);
  const rnn = await loadMusicRnnFromFolder(join(process.cwd(), 'public', model.urlPath));
  const bar = meterSpec(meter).stepsPerBar;
  const counts = new Array<number>(bar).fill(0);
  try {
    for (const { result } of await studioPieces({
      model: rnn,
      modelId,
      seeds: seedRange(1, PIECES),
      bars: BARS,
      form: { meter },
    }))
      for (const n of result.melody) counts[n.quantizedStartStep % bar]!++;
  } finally {
    rnn.dispose();
  }
  return normalised(counts);
}

export const modelSamplesBench: BenchModule = {
  async run() {
    const training = [...loadNottingham(), ...loadJsbSoprano()]
      .filter((p) => p.split === 'train')
      .map((p) => stepTokens(notesFromMelodyEvents(p.events), p.events.length));
    const index = windowIndex(training, COPY_WINDOW);
    // the chord-conditioned model's corpus after hygiene (its SPLITS.json): no duplicates or covered tunes
    const evaluation = cleanEvaluationSplits(loadModelCorpus('chords')).pieces;
    const tunes = (split: 'valid' | 'test') =>
      openingExcerpts(
        evaluation.filter((p) => p.split === split),
        BARS * STEPS_PER_BAR,
      );
    const realTest = tunes('test');
    // the test tunes written in 4/4 throughout (the studio pieces' meter), for an informative same-meter figure
    const realTest44 = openingExcerpts(
      evaluation.filter((p) => p.split === 'test' && (p.meterSteps ?? []).every((m) => m.meterClass === 0)),
      BARS * STEPS_PER_BAR,
    );
    const realValid = tunes('valid');
    const studioModel = defaultComposeForm().modelChoice;
    const studio = await measure(studioModel, index);
    const chordModel = defaultModel('chord-melody').id;
    const withChords = chordModel === studioModel ? studio : await measure(chordModel, index);
    // the same pieces with the form switched off (no plan, no cadence), with the tune memory switched off, and with
    // the onset weight switched off (note density)
    const formless = await measure(studioModel, index, { melodyForm: false, tuneMemory: true, noteDensity: true });
    const memoryless = await measure(studioModel, index, { melodyForm: true, tuneMemory: false, noteDensity: true });
    const unweighted = await measure(studioModel, index, { melodyForm: true, tuneMemory: true, noteDensity: false });
    // shares as ratios (0..1), as the issue's goals are read (35 % -> >= 0.35)
    const ratio = (x: number) => round(x, 4);
    const oa = mgevalOverlap(studio.pieces, realTest);
    const anchor = mgevalOverlap(realValid, realTest);
    // meters: where the meter-aware studio model starts its notes in 3/4 and 6/8, against the corpus tunes written
    // in that meter, beside the v1 model of the same task (4/4 only, no meter input) in the same run
    const studioTask = SHIPPED_MODELS.find((m) => m.id === studioModel)?.task;
    const meterless = SHIPPED_MODELS.find((m) => m.task === studioTask && !m.meterEncoder)?.id;
    const nottingham = loadNottingham();
    const meterFigures: BenchFigure[] = [];
    for (const meter of ['3/4', '6/8'] as const) {
      const real = corpusOnsets(nottingham, meter);
      const aware = histogramOverlap(await studioOnsets(studioModel, meter), real);
      const unaware = meterless ? histogramOverlap(await studioOnsets(meterless, meter), real) : undefined;
      const tuneCount = nottingham.filter((p) => p.meterSteps?.[0]?.meterClass === METER_CLASSES.indexOf(meter)).length;
      meterFigures.push({
        name: `model.samples.meter_onsets_${meter.replace('/', '_')}`,
        value: ratio(aware),
        unit: 'histogram overlap',
        goal: `above the model without a meter input (${meterless ?? 'none shipped'}), same run`,
        note: `${PIECES} studio pieces in ${meter} (studio defaults, no snapping, seeds 1..${PIECES}, ${BARS} bars) with ${studioModel}: where in the bar their notes start, against the onsets of the ${tuneCount} Nottingham tunes written in ${meter} (their MIDI time signatures), as the sum over the ${meterSpec(meter).stepsPerBar} sixteenths of the smaller share; ${unaware === undefined ? '' : `the same seeds with ${meterless} (at its own studio temperature, ${defaultTemperatureOf(meterless!)}): ${ratio(unaware)}; `}corpus shares by sixteenth: ${real.map((x) => round(x, 3)).join(' ')}`,
      });
    }
    const sameMeter = mgevalOverlap(studio.pieces, realTest44).oa;
    const sameMeterV1 = meterless ? mgevalOverlap((await measure(meterless, index)).pieces, realTest44).oa : undefined;
    meterFigures.push({
      name: 'model.samples.mgeval_oa_4_4',
      value: ratio(sameMeter),
      unit: 'overlapping area',
      goal: 'informative (same-meter reference)',
      note: `the studio pieces (4/4) against the first ${BARS} bars of the ${realTest44.length} Nottingham test tunes written in 4/4 throughout, instead of all ${realTest.length} test tunes (a third of them in 6/8 and 3/4)${sameMeterV1 === undefined ? '' : `; the same seeds with ${meterless} (at its own studio temperature, ${defaultTemperatureOf(meterless!)}): ${ratio(sameMeterV1)}`}`,
    });
    const perFeature = (r: MgevalResult) => r.perFeature.map((f) => `${f.feature} ${round(f.oa, 3)}`).join(', ');
    // one figure of the comparison runs: the chord-conditioned model (when it is not the studio's), and each switch off
    const other = (figure: (f: SampleFigures) => number) =>
      `${chordModel === studioModel ? 'studio model is the chord-conditioned one' : `chord-conditioned ${chordModel}: ${ratio(figure(withChords))}`}; form off: ${ratio(figure(formless))}; tune memory off: ${ratio(figure(memoryless))}; onset weight off: ${ratio(figure(unweighted))}`;
    const setup = `${PIECES} pieces, seeds 1..${PIECES}, ${BARS} bars, studio default model ${studio.modelId}, form on (seeded plan of 4-bar sections, tonic cadence), the model's tune memory on, temperature ${defaultComposeForm().temperature} (the default model's fitted studio temperature, scripts/models/fit-temperature.ts) and onset weight ${STUDIO_ONSET_WEIGHT_FITS[studio.modelId] ?? 'none'} (its fitted one, scripts/models/fit-onset-weight.ts): sampler ${studio.request ? procedureLabel(samplerFor(studio.request)) : 'none'}`;
    return [
      {
        name: 'model.samples.bar_repeat',
        value: ratio(studio.barRepeat),
        unit: 'ratio',
        goal: '>= 0.35 (real 4/4 test tunes: 0.55)',
        note: `${setup}; ${other((f) => f.barRepeat)}`,
      },
      {
        name: 'model.samples.tonic_ending',
        value: ratio(studio.tonicEnding),
        unit: 'ratio',
        goal: '>= 0.6 (real tunes: 0.75)',
        note: `by construction with form on (the tonic cadence masks the last note to the tonic's octaves); ${other((f) => f.tonicEnding)}`,
      },
      {
        name: 'model.samples.in_key',
        value: ratio(studio.inKey),
        unit: 'ratio',
        goal: '>= 0.95',
        note: other((f) => f.inKey),
      },
      {
        name: 'model.samples.chord_tone',
        value: ratio(studio.chordTone),
        unit: 'ratio',
        goal: '>= 0.65 (corpus about 0.74)',
        note: other((f) => f.chordTone),
      },
      {
        name: 'model.samples.copy_4bars',
        value: ratio(studio.copy4Bars),
        unit: 'share of pieces',
        goal: '<= 0.01',
        note: `a bar-aligned 4-bar window equal, note for note, to a window of a training melody; ${other((f) => f.copy4Bars)}`,
      },
      {
        name: 'model.samples.mgeval_oa',
        value: ratio(oa.oa),
        unit: 'overlapping area',
        goal: '>= 0.90',
        note: `MGEval (Yang & Lerch 2018), mean over 9 piece features of the overlap of the inter-set distances (pieces vs the first ${BARS} bars of ${realTest.length} Nottingham test tunes with chords, split after hygiene) with the test tunes' intra-set distances, Gaussian KDE (Scott), integral over the whole support; per feature: ${perFeature(oa)}; ${other((f) => mgevalOverlap(f.pieces, realTest).oa)}`,
      },
      {
        name: 'model.samples.mgeval_oa_real',
        value: ratio(anchor.oa),
        unit: 'overlapping area',
        goal: 'anchor (real vs real)',
        note: `the same measure for the first ${BARS} bars of ${realValid.length} Nottingham validation tunes (after hygiene) against the same ${realTest.length} test tunes, in the same run; per feature: ${perFeature(anchor)}`,
      },
      ...meterFigures,
    ] satisfies BenchFigure[];
  },
};
