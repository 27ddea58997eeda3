/**
 * Evaluation of the shipped generation models (issue 5): held-out NLL per step against Kneser-Ney n-gram baselines,
 * a tfjs-vs-PyTorch cross-check of that NLL on the shipped checkpoint, and statistics of 100 seeded samples.
 *
 * The full test-split NLL of each checkpoint comes from training/evaluate.py (float64 PyTorch, reading the shipped
 * TF.js files: tfjs' cpu backend needs minutes for the ~77k test steps). This module recomputes it with
 * Magenta/tfjs on the shortest test pieces and compares piece by piece, so a stale or altered checkpoint shows up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { round, type BenchFigure, type BenchModule } from './figure';
import { loadModelCorpus, type EncodedPiece } from '../lib/generation/eval/corpus';
import { cleanEvaluationSplits, type Removal } from '../lib/generation/eval/hygiene';
import { KneserNeyNgram, contextAt, type NgramSequence } from '../lib/generation/eval/ngram';
import { TuneMemoryNgram, DEFAULT_MEMORY_ORDERS } from '../lib/generation/eval/tune-memory';
import { musicRnnNll, tuneMemoryNll } from '../lib/generation/eval/neural-nll';
import { TUNE_MEMORY_FITS } from '../lib/generation/models/tune-memory-fits';
import { melodyStats, statsTable, type MelodyStats, type StatsInput } from '../lib/generation/eval/stats';
import { defaultModel, type ShippedModel } from '../lib/generation/models/registry';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../lib/generation/models/node-loader';
import { notesFromMelodyEvents } from '../lib/generation/notes/melody';
import { generateMelody, musicRnnInternals, sampleCategorical, Sfc32 } from '../lib/generation/sampling';

const PRIMER_STEPS = 16;
const SAMPLE_STEPS = 64;
const SAMPLES = 100;
const TEMPERATURE = 1.0;
const CHECK_PIECES = 12;
const VOCAB = 38;
/** Plain Kneser-Ney baselines up to n = 8 (two beats of context). */
const MAX_N = 8;

type PythonEval = {
  nll_per_step: number;
  steps: number;
  pieces: Array<{ id: string; nll_sum: number; steps: number }>;
};

export type ModelEvaluation = {
  task: 'melody' | 'chords';
  model: ShippedModel;
  /** The model as the studio samples it: the LSTM with its tune memory (sampler version 3), on the cleaned test split. */
  nll: number;
  /** The LSTM alone (evaluate.py, float64 PyTorch on the shipped weights), on the same steps. */
  lstmNll: number;
  /** The LSTM alone through the studio's plain-JS engine (the component the mixture uses), for comparison. */
  lstmJsNll: number;
  testSteps: number;
  /** Validation and test pieces left out of the evaluation (lib/generation/eval/hygiene.ts). */
  removed: Removal[];
  /** The model's NLL over the whole test split as the trainer reads it (before hygiene), for comparison. */
  wholeSplit: { nll: number; steps: number };
  ngrams: Array<{ n: number; nll: number }>;
  bestNgram: { n: number; nll: number };
  /** The tune-memory n-gram over the KN model best on the validation split, its weights fitted there. */
  tuneMemory: { n: number; nll: number; validNll: number; weights: number[] };
  /** The best baseline of all: the plain KN n-grams and the tune-memory n-gram. */
  bestBaseline: { label: string; nll: number };
  gainPct: number;
  tfjsCheck: { pieces: number; steps: number; tfjsNll: number; pythonNll: number; absDiff: number; seconds: number };
  stats: Array<{ label: string; stats: MelodyStats }>;
  msPerGeneratedStep: number;
};

function eventsToInput(events: readonly number[], steps: number, chordPcs?: number[][]): StatsInput {
  return { notes: notesFromMelodyEvents(events), steps, chordPitchClasses: chordPcs };
}

/**
 * The baselines of a task (issue #18): plain Kneser-Ney n-grams for n = 1..MAX_N (chord-aware for the chord model)
 * on the test split, and the tune-memory n-gram over the KN model best on the validation split, its weights fitted
 * there; the best of them all. `pieces`: the corpus after hygiene. Also read by scripts/models/fit-tune-memory.ts.
 */
export function ngramBaselines(task: 'melody' | 'chords', pieces: readonly EncodedPiece[]) {
  const withChords = task === 'chords';
  const symbols = withChords ? [...new Set(pieces.flatMap((p) => p.chords ?? []))].sort() : [];
  const seq = (p: EncodedPiece): NgramSequence => ({
    events: p.events,
    chordTokens: p.chords?.map((c) => symbols.indexOf(c)),
  });
  const train = pieces.filter((p) => p.split === 'train');
  const valid = pieces.filter((p) => p.split === 'valid');
  const test = pieces.filter((p) => p.split === 'test');
  // n-gram baselines (chord-aware for the chord model).
  const ngrams: Array<{ n: number; nll: number }> = [];
  const lms: KneserNeyNgram[] = [];
  const validNll: number[] = [];
  for (let n = 1; n <= MAX_N; n++) {
    const lm = new KneserNeyNgram(n, VOCAB, withChords).train(train.map(seq));
    lms.push(lm);
    ngrams.push({ n, nll: lm.nllPerStep(test.map(seq)).nll });
    validNll.push(lm.nllPerStep(valid.map(seq)).nll);
  }
  const bestNgram = ngrams.reduce((a, b) => (b.nll < a.nll ? b : a));
  const bestLm = lms[bestNgram.n - 1] as KneserNeyNgram;
  // the tune memory sits on the corpus model chosen on the validation split, where its weights are fitted too
  const memoryN = validNll.indexOf(Math.min(...validNll)) + 1;
  const memory = new TuneMemoryNgram(lms[memoryN - 1] as KneserNeyNgram, DEFAULT_MEMORY_ORDERS);
  const fit = memory.fit(valid.map(seq));
  const tuneMemory = {
    n: memoryN,
    nll: memory.nllPerStep(test.map(seq)).nll,
    validNll: fit.nll,
    weights: memory.weights,
  };
  const bestBaseline =
    tuneMemory.nll < bestNgram.nll
      ? { label: `tune-memory n-gram (KN ${memoryN}-gram + memory)`, nll: tuneMemory.nll }
      : { label: `KN ${bestNgram.n}-gram`, nll: bestNgram.nll };

  return { ngrams, bestNgram, bestLm, tuneMemory, bestBaseline, symbols };
}

async function evaluate(task: 'melody' | 'chords'): Promise<ModelEvaluation> {
  const model = defaultModel(task === 'melody' ? 'melody' : 'chord-melody');
  const withChords = task === 'chords';
  // hygiene: duplicates and wholly covered pieces leave valid and test; train (what the weights saw) is all there
  const { pieces, removed } = cleanEvaluationSplits(loadModelCorpus(task));
  const test = pieces.filter((p) => p.split === 'test');
  const { ngrams, bestNgram, bestLm, tuneMemory, bestBaseline, symbols } = ngramBaselines(task, pieces);

  const folder = join(process.cwd(), 'public', model.urlPath);
  const py = JSON.parse(
    readFileSync(join(process.cwd(), 'training', 'runs', `${model.id}.eval.json`), 'utf8'),
  ) as PythonEval;
  const mm: MusicRnnInstance = await loadMusicRnnFromFolder(folder);
  try {
    const byId = new Map(py.pieces.map((p) => [p.id, p]));
    // evaluate.py scores the whole test split as the trainer sees it; the figure is over the cleaned split
    let testSum = 0;
    let testSteps = 0;
    for (const p of test) {
      if (p.events.length < 2) continue;
      const e = byId.get(p.id);
      if (!e) throw new Error(`evaluate.py has no piece ${p.id}: rerun npm run models:train`);
      testSum += e.nll_sum;
      testSteps += e.steps;
    }
    const testNll = testSum / testSteps;
    // the model with its shipped tune memory, through the studio's own engine, on the same steps
    const memoryFit = TUNE_MEMORY_FITS[model.id];
    if (!memoryFit) throw new Error(`${model.id} has no tune memory: run scripts/models/fit-tune-memory.ts`);
    const withMemory = tuneMemoryNll(mm, test, memoryFit);
    if (withMemory.steps !== testSteps)
      throw new Error(`the tune-memory pass scored ${withMemory.steps} steps, evaluate.py ${testSteps}`);
    // tfjs cross-check on the shortest test pieces.
    const check = [...test]
      .sort((a, b) => a.events.length - b.events.length || (a.id < b.id ? -1 : 1))
      .slice(0, CHECK_PIECES);
    const tfjs = await musicRnnNll(mm, check);
    let pySum = 0;
    let pySteps = 0;
    for (const p of check) {
      const e = byId.get(p.id);
      if (!e) throw new Error(`evaluate.py has no piece ${p.id}: rerun npm run models:train`);
      pySum += e.nll_sum;
      pySteps += e.steps;
    }
    const tfjsCheck = {
      pieces: check.length,
      steps: tfjs.steps,
      tfjsNll: tfjs.nll,
      pythonNll: pySum / pySteps,
      absDiff: Math.abs(tfjs.nll - pySum / pySteps),
      seconds: tfjs.seconds,
    };

    // 100 seeded samples: primer = first bar of a test piece, 4 bars generated.
    const need = PRIMER_STEPS + SAMPLE_STEPS + 1;
    const eligible = [...test].filter((p) => p.events.length >= need).sort((a, b) => (a.id < b.id ? -1 : 1));
    const internals = musicRnnInternals(mm);
    const pcsOf = new Map<string, number[]>();
    const chordPcs = (sym: string): number[] => {
      let v = pcsOf.get(sym);
      if (!v) {
        const t = internals.chordEncoder?.encode(sym);
        const arr = t ? Array.from(t.dataSync()) : [];
        t?.dispose();
        v = arr.slice(13, 25).flatMap((x, i) => (x > 0.5 ? [i] : []));
        pcsOf.set(sym, v);
      }
      return v;
    };
    const truth: StatsInput[] = [];
    const neural: StatsInput[] = [];
    const ngram: StatsInput[] = [];
    const random: StatsInput[] = [];
    let genMs = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const piece = eligible[i % eligible.length] as EncodedPiece;
      const primerEvents = piece.events.slice(0, PRIMER_STEPS);
      const chords = piece.chords?.slice(0, PRIMER_STEPS + SAMPLE_STEPS);
      const pcs = chords?.slice(PRIMER_STEPS).map(chordPcs);
      truth.push(eventsToInput(piece.events.slice(PRIMER_STEPS, PRIMER_STEPS + SAMPLE_STEPS), SAMPLE_STEPS, pcs));
      const t0 = performance.now();
      const r = await generateMelody({
        model: mm,
        seed: i + 1,
        temperature: TEMPERATURE,
        steps: SAMPLE_STEPS,
        primer: {
          notes: notesFromMelodyEvents(primerEvents),
          totalQuantizedSteps: PRIMER_STEPS,
          quantizationInfo: { stepsPerQuarter: 4 },
        },
        chordProgression: chords,
        meterSteps: piece.meterSteps?.slice(0, PRIMER_STEPS + SAMPLE_STEPS),
      });
      genMs += performance.now() - t0;
      neural.push(eventsToInput(r.events, SAMPLE_STEPS, pcs));
      const rng = new Sfc32(i + 1);
      const ev = [...primerEvents];
      const tokens = piece.chords?.slice(0, PRIMER_STEPS + SAMPLE_STEPS).map((c) => symbols.indexOf(c));
      for (let t = PRIMER_STEPS; t < PRIMER_STEPS + SAMPLE_STEPS; t++) {
        ev.push(
          sampleCategorical(
            Array.from(
              bestLm.distribution(contextAt({ events: ev, chordTokens: tokens }, t, bestLm.n - 1, withChords)),
              Math.log,
            ),
            1,
            rng,
          ),
        );
      }
      ngram.push(eventsToInput(ev.slice(PRIMER_STEPS), SAMPLE_STEPS, pcs));
      const rr = new Sfc32(i + 1);
      random.push(
        eventsToInput(
          Array.from({ length: SAMPLE_STEPS }, () => rr.nextUint32() % VOCAB),
          SAMPLE_STEPS,
          pcs,
        ),
      );
    }
    const reference = test.map((p) => eventsToInput(p.events, p.events.length));
    const stats = [
      { label: 'test corpus (true continuations)', stats: melodyStats(truth, reference) },
      { label: `${model.id} (T=${TEMPERATURE})`, stats: melodyStats(neural, reference) },
      {
        label: `best n-gram (KN, n=${bestNgram.n}${withChords ? ', + chord' : ''}) samples`,
        stats: melodyStats(ngram, reference),
      },
      { label: 'uniform random events', stats: melodyStats(random, reference) },
    ];
    return {
      task,
      model,
      nll: withMemory.nll,
      lstmNll: testNll,
      lstmJsNll: withMemory.modelNll,
      testSteps,
      removed,
      wholeSplit: { nll: py.nll_per_step, steps: py.steps },
      ngrams,
      bestNgram,
      tuneMemory,
      bestBaseline,
      gainPct: (100 * (bestBaseline.nll - withMemory.nll)) / bestBaseline.nll,
      tfjsCheck,
      stats,
      msPerGeneratedStep: genMs / (SAMPLES * SAMPLE_STEPS),
    };
  } finally {
    mm.dispose();
  }
}

let cached: Promise<ModelEvaluation[]> | undefined;

/** Runs (once per process) the evaluation of both shipped models. */
export function evaluateModels(): Promise<ModelEvaluation[]> {
  cached ??= (async () => [await evaluate('melody'), await evaluate('chords')])();
  return cached;
}

/** Which evaluation pieces hygiene left out, and why. */
function removedNote(e: ModelEvaluation): string {
  if (e.removed.length === 0) return 'no validation or test piece removed by hygiene';
  const list = (split: 'valid' | 'test') =>
    e.removed
      .filter((r) => r.split === split)
      .map((r) => (r.reason === 'duplicate' ? `${r.id} (= ${r.of})` : `${r.id} (covered)`))
      .join(', ') || 'none';
  const moved = e.removed.some((r) => r.split === 'test')
    ? `; so the test figures moved: over the whole test split (${e.wholeSplit.steps} steps) the LSTM alone scores ${e.wholeSplit.nll.toFixed(4)}`
    : '';
  return `left out by hygiene (duplicates, and pieces whose every 2-bar passage is in training): test ${list('test')}; valid ${list('valid')}${moved}`;
}

function nllTable(e: ModelEvaluation): string {
  const lines = ['| model | NLL / step (nats) |', '|---|---|'];
  for (const g of e.ngrams)
    lines.push(`| KN ${g.n}-gram${e.task === 'chords' ? ' + chord' : ''} | ${g.nll.toFixed(4)} |`);
  lines.push(
    `| tune-memory n-gram (KN ${e.tuneMemory.n}-gram${e.task === 'chords' ? ' + chord' : ''} + memory of orders ${DEFAULT_MEMORY_ORDERS.join('/')}) | ${e.tuneMemory.nll.toFixed(4)} |`,
  );
  lines.push(
    `| ${e.model.id}, LSTM alone (PyTorch float64; studio engine ${e.lstmJsNll.toFixed(4)}) | ${e.lstmNll.toFixed(4)} |`,
  );
  lines.push(`| **${e.model.id} + its tune memory (sampler 3, as the studio samples)** | **${e.nll.toFixed(4)}** |`);
  return lines.join('\n');
}

/** Markdown: NLL tables and sample statistics of both models. */
export async function modelsTable(): Promise<string> {
  const evals = await evaluateModels();
  return evals
    .map((e) =>
      [
        `### ${e.task === 'melody' ? 'Melody' : 'Chord-conditioned melody'} model \`${e.model.id}\` (${e.model.weightsCid})`,
        '',
        `Test split: ${e.testSteps} predicted steps (${removedNote(e)}). Gain over the best baseline (${e.bestBaseline.label}): ${e.gainPct.toFixed(1)} %.`,
        `Tune-memory weights fitted on the validation split (corpus, then memory orders ${DEFAULT_MEMORY_ORDERS.join(', ')}): ${e.tuneMemory.weights.map((w) => w.toFixed(3)).join(', ')} (validation NLL ${e.tuneMemory.validNll.toFixed(4)}).`,
        `tfjs (cpu) vs PyTorch NLL on the ${e.tfjsCheck.pieces} shortest test pieces: ${e.tfjsCheck.tfjsNll.toFixed(6)} vs ${e.tfjsCheck.pythonNll.toFixed(6)}.`,
        '',
        nllTable(e),
        '',
        `${SAMPLES} seeded samples (seeds 1..${SAMPLES}, primer = first bar of a test tune, ${SAMPLE_STEPS} steps generated):`,
        '',
        statsTable(e.stats),
      ].join('\n'),
    )
    .join('\n\n');
}

function figures(e: ModelEvaluation): BenchFigure[] {
  const p = `model.${e.task}`;
  const truth = e.stats[0]?.stats;
  const mine = e.stats[1]?.stats;
  const out: BenchFigure[] = [
    {
      name: `${p}.nll_gain_pct`,
      value: round(e.gainPct, 2),
      unit: '%',
      goal: '>= 15',
      note: `NLL/step ${e.nll.toFixed(4)} (${e.model.id} with its tune memory, sampler 3; the LSTM alone ${e.lstmNll.toFixed(4)}) vs the best baseline measured in this run, ${e.bestBaseline.label} ${e.bestBaseline.nll.toFixed(4)}`,
    },
    {
      name: `${p}.nll_per_step`,
      value: round(e.nll, 4),
      unit: 'nats/step',
      goal: `<= ${(e.bestBaseline.nll * 0.85).toFixed(4)} (15 % under the best baseline)`,
      note: `${e.model.id} with its tune memory (weights fitted on the validation split); test split, ${e.testSteps} steps; ${removedNote(e)}`,
    },
    {
      name: `${p}.lstm_nll_per_step`,
      value: round(e.lstmNll, 4),
      unit: 'nats/step',
      goal: 'informative (the LSTM alone)',
      note: `PyTorch float64 on the shipped weights; the studio's plain-JS engine gives ${e.lstmJsNll.toFixed(4)} on the same steps`,
    },
    {
      name: `${p}.tune_memory_nll_per_step`,
      value: round(e.tuneMemory.nll, 4),
      unit: 'nats/step',
      goal: 'baseline',
      note: `KN ${e.tuneMemory.n}-gram (best on validation) + memory orders ${DEFAULT_MEMORY_ORDERS.join('/')}, weights ${e.tuneMemory.weights.map((w) => w.toFixed(3)).join('/')} fitted by EM on the validation split`,
    },
    {
      name: `${p}.ngram_best_nll_per_step`,
      value: round(e.bestNgram.nll, 4),
      unit: 'nats/step',
      goal: 'baseline',
      note: e.ngrams.map((g) => `n=${g.n}: ${g.nll.toFixed(4)}`).join(', '),
    },
    {
      name: `${p}.nll_tfjs_vs_pytorch_abs_diff`,
      value: e.tfjsCheck.absDiff,
      unit: 'nats/step',
      goal: '<= 1e-4',
      note: `${e.tfjsCheck.pieces} pieces, ${e.tfjsCheck.steps} steps, tfjs cpu ${e.tfjsCheck.seconds.toFixed(1)} s`,
    },
    {
      name: `${p}.generate_ms_per_step`,
      value: round(e.msPerGeneratedStep, 2),
      unit: 'ms',
      goal: '<= 5 (Node, tfjs cpu)',
    },
  ];
  if (mine && truth) {
    out.push(
      {
        name: `${p}.samples.pc_hist_distance`,
        value: round(mine.pitchClassDistance, 4),
        unit: 'TV',
        goal: `close to corpus ${truth.pitchClassDistance.toFixed(4)}`,
      },
      {
        name: `${p}.samples.in_key_ratio`,
        value: round(mine.inKeyRatio, 4),
        unit: 'ratio',
        goal: `close to corpus ${truth.inKeyRatio.toFixed(4)}`,
      },
      {
        name: `${p}.samples.repeated_note_ratio`,
        value: round(mine.repeatedNoteRatio, 4),
        unit: 'ratio',
        goal: `close to corpus ${truth.repeatedNoteRatio.toFixed(4)}`,
      },
      {
        name: `${p}.samples.notes_per_bar`,
        value: round(mine.notesPerBar, 3),
        unit: 'notes',
        goal: `close to corpus ${truth.notesPerBar.toFixed(3)}`,
      },
      {
        name: `${p}.samples.range`,
        value: round(mine.meanRange, 2),
        unit: 'semitones',
        goal: `close to corpus ${truth.meanRange.toFixed(2)}`,
      },
    );
    if (mine.chordToneRatio !== undefined && truth.chordToneRatio !== undefined) {
      out.push({
        name: `${p}.samples.chord_tone_ratio`,
        value: round(mine.chordToneRatio, 4),
        unit: 'ratio',
        goal: `close to corpus ${truth.chordToneRatio.toFixed(4)}`,
      });
    }
  }
  const table = statsTable(e.stats);
  const last = out[out.length - 1];
  if (last) last.note = `sample statistics:\n${table}`;
  return out;
}

export const modelsBench: BenchModule = {
  async run() {
    const evals = await evaluateModels();
    return evals.flatMap(figures);
  },
};
