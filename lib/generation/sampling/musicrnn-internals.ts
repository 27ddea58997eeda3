/**
 * Typed access to the weights a loaded `MusicRNN` (@magenta/music 1.23.1) holds.
 *
 * Why: Magenta samples with `tf.multinomial`, which takes no seed, so a generation cannot be replayed. We run the
 * model's own LSTM cells and output layer step by step and sample with our seeded PRNG instead. Those members
 * (`lstmCells`, `lstmFcW`, `lstmFcB`, `biasShapes`, `chordEncoder`, `attentionWrapper`) are `private` in Magenta's
 * TypeScript declarations but plain properties at run time (see node_modules/@magenta/music/esm/music_rnn/model.js).
 * This adapter reads them through `unknown` and checks each one, so a Magenta upgrade that renames them fails loudly
 * here (ModelInternalsError) instead of sampling from something else. Pin @magenta/music when upgrading.
 */
import type * as tf from '@tensorflow/tfjs';
import { BaseError } from '../../errors/base';
import { METER_ENCODER, METER_ENCODING_DEPTH } from '../notes/meter-encoding';

/** Magenta's cell closure: `(input [1, in], c [1, H], h [1, H]) => [c', h']` (tf.basicLSTMCell with forget bias 1). */
export type LstmCell = (data: tf.Tensor2D, c: tf.Tensor2D, h: tf.Tensor2D) => [tf.Tensor2D, tf.Tensor2D];

export type ChordEncoderLike = {
  depth: number;
  encodeProgression(chords: string[], numSteps: number): tf.Tensor2D;
  encode(chord: string): tf.Tensor1D;
};

export type MusicRnnInternals = {
  lstmCells: LstmCell[];
  /** Hidden size of each layer (bias length / 4). */
  hiddenSizes: number[];
  fcWeights: tf.Tensor2D;
  fcBiases: tf.Tensor1D;
  chordEncoder: ChordEncoderLike | undefined;
  /**
   * A meter-aware checkpoint (config.json `meterEncoder: "MotifMeterEncoder"`, not a Magenta field: Magenta's own
   * MusicRNN ignores it): its controls are the chord encoding, then the meter encoding (notes/meter-encoding.ts).
   */
  meterAware: boolean;
  /** Floats of controls per step before the one-hot event: chord depth + meter depth. */
  controlDepth: number;
  minPitch: number;
  maxPitch: number;
  /** Output vocabulary (38 for pitches 48..83). */
  vocabulary: number;
};

export class ModelInternalsError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'ModelInternalsError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isTensorLike(v: unknown, rank: number): boolean {
  return isRecord(v) && Array.isArray(v.shape) && v.shape.length === rank && typeof v.dataSync === 'function';
}

/** Reads the internals of an initialised MusicRNN; throws ModelInternalsError when they are not what we expect. */
export function musicRnnInternals(model: unknown): MusicRnnInternals {
  if (!isRecord(model)) throw new ModelInternalsError('not a MusicRNN');
  const isInit = model.isInitialized;
  if (typeof isInit !== 'function' || isInit.call(model) !== true) {
    throw new ModelInternalsError('MusicRNN is not initialised: await model.initialize() first');
  }
  if (model.attentionWrapper) throw new ModelInternalsError('attention MusicRNN checkpoints are not supported');
  if (model.auxInputs) throw new ModelInternalsError('MusicRNN checkpoints with auxiliary inputs are not supported');
  const cells = model.lstmCells;
  const biasShapes = model.biasShapes;
  if (!Array.isArray(cells) || cells.length === 0 || !cells.every((c) => typeof c === 'function')) {
    throw new ModelInternalsError('MusicRNN.lstmCells missing');
  }
  if (
    !Array.isArray(biasShapes) ||
    biasShapes.length !== cells.length ||
    !biasShapes.every((b) => typeof b === 'number')
  ) {
    throw new ModelInternalsError('MusicRNN.biasShapes missing');
  }
  if (!isTensorLike(model.lstmFcW, 2) || !isTensorLike(model.lstmFcB, 1)) {
    throw new ModelInternalsError('MusicRNN.lstmFcW / lstmFcB missing');
  }
  const conv = model.dataConverter;
  if (
    !isRecord(conv) ||
    typeof conv.minPitch !== 'number' ||
    typeof conv.maxPitch !== 'number' ||
    typeof conv.depth !== 'number'
  ) {
    throw new ModelInternalsError('MusicRNN.dataConverter is not a MelodyConverter');
  }
  let chordEncoder: ChordEncoderLike | undefined;
  const enc = model.chordEncoder;
  if (enc !== undefined) {
    if (
      !isRecord(enc) ||
      typeof enc.depth !== 'number' ||
      typeof enc.encodeProgression !== 'function' ||
      typeof enc.encode !== 'function'
    ) {
      throw new ModelInternalsError('MusicRNN.chordEncoder is malformed');
    }
    chordEncoder = enc as unknown as ChordEncoderLike;
  }
  const meterEncoder = isRecord(model.spec) ? model.spec.meterEncoder : undefined;
  if (meterEncoder !== undefined && meterEncoder !== METER_ENCODER)
    throw new ModelInternalsError(`unknown meterEncoder ${JSON.stringify(meterEncoder)}`);
  const meterAware = meterEncoder === METER_ENCODER;
  return {
    lstmCells: cells as LstmCell[],
    hiddenSizes: (biasShapes as number[]).map((b) => b / 4),
    fcWeights: model.lstmFcW as tf.Tensor2D,
    fcBiases: model.lstmFcB as tf.Tensor1D,
    chordEncoder,
    meterAware,
    controlDepth: (chordEncoder?.depth ?? 0) + (meterAware ? METER_ENCODING_DEPTH : 0),
    minPitch: conv.minPitch,
    maxPitch: conv.maxPitch,
    vocabulary: conv.depth,
  };
}

export type LstmStackState = { c: tf.Tensor2D[]; h: tf.Tensor2D[]; top: tf.Tensor2D };

/**
 * One time step through the stack of cells: `input` feeds the first layer, each layer's h feeds the next. Returns the
 * new states and the top layer's output. Creates tensors: call it inside `tf.tidy` and keep what it returns.
 */
export function lstmStackStep(
  cells: readonly LstmCell[],
  input: tf.Tensor2D,
  c: readonly tf.Tensor2D[],
  h: readonly tf.Tensor2D[],
): LstmStackState {
  let x = input;
  const newC: tf.Tensor2D[] = [];
  const newH: tf.Tensor2D[] = [];
  cells.forEach((cell, l) => {
    const [cl, hl] = cell(x, c[l] as tf.Tensor2D, h[l] as tf.Tensor2D);
    newC.push(cl);
    newH.push(hl);
    x = hl;
  });
  return { c: newC, h: newH, top: x };
}
