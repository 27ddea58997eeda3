/**
 * Seeded studio pieces, as the model evaluations compose them: for each seed, the form a creator gets on choosing the
 * model (the studio's defaults, the model's own default temperature), `bars` bars, no snapping, with `form` set on
 * top, composed with the plain-JS engine. One home for the loop that the bench (bench/model-samples.ts) and the fits
 * (scripts/models/fit-temperature.ts, scripts/models/fit-tune-memory.ts) all run, so they score the same pieces.
 */
import { stepsPerBarOf } from '../generation/arrangement/meter';
import { compose, type ComposeResult } from '../generation/compose/compose';
import type { ComposeRequest } from '../generation/compose/request';
import { chordToneCount, inKeyCount } from '../generation/eval/form-metrics';
import { defaultComposeForm, requestFromForm, withModelChoice, type ComposeForm } from './compose-form';

export type StudioPiecesParameters = {
  /** The loaded model (lib/generation/models/node-loader.ts) and its registry id. */
  model: unknown;
  modelId: string;
  seeds: readonly number[];
  bars: number;
  /** Fields set on top of the studio's form: a meter, a temperature, the melodic form, tune memory or note density off. */
  form?: Partial<Pick<ComposeForm, 'temperature' | 'meter' | 'melodyForm' | 'tuneMemory' | 'noteDensity'>>;
  /** A last change to each request before it is composed (e.g. a fit's candidate tune-memory weights). */
  adjust?: (request: ComposeRequest) => ComposeRequest;
};

export type StudioPiece = { seed: number; request: ComposeRequest; result: ComposeResult };

/** The pieces, one per seed in the order given. */
export async function studioPieces(p: StudioPiecesParameters): Promise<StudioPiece[]> {
  const studio = withModelChoice(defaultComposeForm(), p.modelId);
  const pieces: StudioPiece[] = [];
  for (const seed of p.seeds) {
    const formed = requestFromForm({ ...studio, bars: p.bars, snap: false, seed, ...p.form }, p.modelId);
    const request = p.adjust ? p.adjust(formed) : formed;
    pieces.push({ seed, request, result: await compose(p.model, request, { engine: 'js' }) });
  }
  return pieces;
}

/** `count` consecutive seeds from `first`. */
export function seedRange(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/**
 * The share of the pieces' notes in their key, and on the chord of their bar (in the piece's meter), over all the
 * pieces together (form-metrics.ts).
 */
export function harmonyShares(pieces: readonly StudioPiece[]): { inKey: number; chordTone: number } {
  let inKey = 0;
  let chordTone = 0;
  let notes = 0;
  let chorded = 0;
  for (const { request, result } of pieces) {
    const [k, n] = inKeyCount(result.melody, request.key, request.scale);
    const [c, m] = chordToneCount(result.melody, result.progression, stepsPerBarOf(request));
    inKey += k;
    notes += n;
    chordTone += c;
    chorded += m;
  }
  return { inKey: inKey / notes, chordTone: chordTone / chorded };
}
