/**
 * The loop the studio's sampling fits share (fit-temperature.ts, fit-onset-weight.ts): for each candidate value of one
 * knob, PIECES seeded 16-bar studio pieces of a shipped model, scored by the MGEval overlapping area
 * (lib/generation/eval/mgeval.ts) against the first 16 bars of the model's validation tunes (after hygiene), with the
 * pieces' in-key and chord-tone shares. The seeds (101..200) are not the bench's (1..100), and the test split is never
 * read. The chosen value is the best-scoring one (the first of the ascending candidates on a tie) among those whose
 * pieces keep the issue's harmony goals (#18), else the knob's neutral value.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STEPS_PER_BAR } from '../../lib/generation/arrangement/types';
import { loadModelCorpus } from '../../lib/generation/eval/corpus';
import { cleanEvaluationSplits } from '../../lib/generation/eval/hygiene';
import { mgevalOverlap, openingExcerpts } from '../../lib/generation/eval/mgeval';
import { loadMusicRnnFromFolder } from '../../lib/generation/models/node-loader';
import { SHIPPED_MODELS } from '../../lib/generation/models/registry';
import { harmonyShares, seedRange, studioPieces, type StudioPiecesParameters } from '../../lib/studio/studio-pieces';

const FIRST_SEED = 101;
const PIECES = 100;
const BARS = 16;
/** The harmony goals (#18), which no fitted knob may give up. */
const MIN_IN_KEY = 0.95;
const MIN_CHORD_TONE = 0.65;

export type FitScore = { value: number; oa: number; inKey: number; chordTone: number; notesPerBar: number };

/** What the pieces of one candidate value change in the studio's form or request. */
export type CandidatePieces = Pick<StudioPiecesParameters, 'form' | 'adjust'>;

/** Scores each of `values` (ascending), logging each as `<knob> <value>: ...`. */
export async function scoreStudioCandidates(p: {
  modelId: string;
  knob: string;
  values: readonly number[];
  piecesFor: (value: number) => CandidatePieces;
}): Promise<FitScore[]> {
  const model = SHIPPED_MODELS.find((m) => m.id === p.modelId);
  if (!model) throw new Error(`no shipped model ${p.modelId}`);
  const tunes = openingExcerpts(
    cleanEvaluationSplits(loadModelCorpus(model.task === 'melody' ? 'melody' : 'chords')).pieces.filter(
      (piece) => piece.split === 'valid',
    ),
    BARS * STEPS_PER_BAR,
  );
  const rnn = await loadMusicRnnFromFolder(join(process.cwd(), 'public', model.urlPath));
  try {
    const scores: FitScore[] = [];
    for (const value of p.values) {
      const seeds = seedRange(FIRST_SEED, PIECES);
      const composed = await studioPieces({ model: rnn, modelId: p.modelId, seeds, bars: BARS, ...p.piecesFor(value) });
      const pieces = composed.map((piece) => piece.result.melody);
      const harmony = harmonyShares(composed);
      const score: FitScore = {
        value,
        oa: mgevalOverlap(pieces, tunes).oa,
        inKey: harmony.inKey,
        chordTone: harmony.chordTone,
        notesPerBar: pieces.reduce((a, piece) => a + piece.length, 0) / (PIECES * BARS),
      };
      console.log(
        `${p.modelId}: ${p.knob} ${value}: MGEval ${score.oa.toFixed(4)} on the validation tunes, in key ${score.inKey.toFixed(4)}, chord tone ${score.chordTone.toFixed(4)}, ${score.notesPerBar.toFixed(2)} notes a bar`,
      );
      scores.push(score);
    }
    return scores;
  } finally {
    rnn.dispose();
  }
}

/** The best-scoring value among those that keep the harmony goals, else `neutral`'s score. */
export function chooseKeepingHarmony(scores: readonly FitScore[], neutral: number): FitScore {
  const keeps = scores.filter((s) => s.inKey >= MIN_IN_KEY && s.chordTone >= MIN_CHORD_TONE);
  const pool = keeps.length > 0 ? keeps : scores.filter((s) => s.value === neutral);
  const first = pool[0];
  if (!first) throw new Error(`no candidate keeps the harmony goals and none is the neutral value ${neutral}`);
  return pool.reduce((a, b) => (b.oa > a.oa ? b : a), first);
}

/** How the scores were made, for the fit's record. */
export function chosenOn(modelId: string, knobs: string): string {
  return `${PIECES} seeded ${BARS}-bar studio pieces (seeds ${FIRST_SEED}..${FIRST_SEED + PIECES - 1}) of ${modelId} scored against its validation tunes, among the ${knobs} that keep in key >= ${MIN_IN_KEY} and chord tone >= ${MIN_CHORD_TONE}`;
}

/**
 * Writes the fit's record, training/runs/<modelId>.<record>.json (`key`: the chosen value, `chosen_on`, and every
 * candidate's scores with its value under `key`), and the generated module `out` (prettier-formatted).
 */
export function writeStudioFit(p: {
  modelId: string;
  record: string;
  key: string;
  chosen: number;
  chosenOn: string;
  scores: readonly FitScore[];
  out: string;
  module: string;
}): void {
  const scores = p.scores.map(({ value, ...rest }) => ({ [p.key]: value, ...rest }));
  writeFileSync(
    join('training', 'runs', `${p.modelId}.${p.record}.json`),
    `${JSON.stringify({ model: p.modelId, [p.key]: p.chosen, chosen_on: p.chosenOn, scores }, null, 2)}\n`,
  );
  writeFileSync(p.out, p.module);
  execFileSync('npx', ['prettier', '--write', p.out], { stdio: 'inherit' });
}
