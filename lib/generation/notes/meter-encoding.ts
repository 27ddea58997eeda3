/**
 * The meter input of a meter-aware melody model (issue #18; docs/provenance/SPEC.md 7.14): at each step the LSTM
 * reads, beside the chord controls and the previous event, which meter the piece is in and where the predicted step
 * falls in its bar. Trained from the Nottingham MIDI time signatures (training/train.py reads the same two numbers
 * per step from training/cache); fed by the studio from the piece's meter, bar 1 beginning at step 0. Pure.
 *
 * Encoding `MotifMeterEncoder` (depth 28): slots 0..3 one-hot the meter class (4/4, 3/4, 6/8, other), slots
 * 4..27 one-hot the sixteenth step within the bar (0..23). A step whose bar is unknown (the JSB chorales carry no
 * bar lines) or longer than 24 steps is all zeros.
 */
import { meterSpec, type Meter } from '../arrangement/meter';

export const METER_ENCODER = 'MotifMeterEncoder';
export const METER_CLASSES = ['4/4', '3/4', '6/8', 'other'] as const;
export type MeterClass = (typeof METER_CLASSES)[number];
/** Bar positions the encoding can name: bars of up to 24 sixteenths (3/2, 6/4). */
export const METER_POSITIONS = 24;
export const METER_ENCODING_DEPTH = METER_CLASSES.length + METER_POSITIONS;

/** Where one step falls: its meter class (index into METER_CLASSES) and its sixteenth step within the bar. */
export type MeterStep = { meterClass: number; position: number };

/** The class of a written time signature: 2/2 counts as 4/4 (the same 16-step bar); what the studio lacks is other. */
export function meterClassOf(numerator: number, denominator: number): number {
  const name = `${numerator}/${denominator}`;
  if (name === '2/2') return 0;
  const i = METER_CLASSES.indexOf(name as MeterClass);
  return i >= 0 ? i : METER_CLASSES.length - 1;
}

/** Sixteenth steps per bar of a written time signature (6/8: 12, 9/8: 18). */
export function stepsPerBarOfSignature(numerator: number, denominator: number): number {
  return (numerator * 16) / denominator;
}

/** The meter steps of a studio piece of `totalSteps`: bar 1 begins at step 0. */
export function studioMeterSteps(meter: Meter | undefined, totalSteps: number): MeterStep[] {
  const spec = meterSpec(meter);
  const meterClass = meterClassOf(spec.numerator, spec.denominator);
  return Array.from({ length: totalSteps }, (_, t) => ({ meterClass, position: t % spec.stepsPerBar }));
}

/** Writes one step's encoding into `out` at `offset` (METER_ENCODING_DEPTH floats, zeroed first). */
export function writeMeterEncoding(step: MeterStep | null, out: Float32Array, offset: number): void {
  out.fill(0, offset, offset + METER_ENCODING_DEPTH);
  if (!step || step.position < 0 || step.position >= METER_POSITIONS) return;
  if (!Number.isInteger(step.meterClass) || step.meterClass < 0 || step.meterClass >= METER_CLASSES.length) return;
  out[offset + step.meterClass] = 1;
  out[offset + METER_CLASSES.length + step.position] = 1;
}
