/**
 * Meters (issue #18): 4/4, 3/4 and 6/8, in sixteenth steps (4 per quarter note). A compose request and an
 * arrangement record a meter only when it is not 4/4 (`meter` absent = 4/4), so every piece made before meters stays
 * byte-identical. docs/provenance/SPEC.md 8.6 (arrangement procedure `motif.arrange` version 2). Pure.
 */
import { z } from 'zod';

export const METERS = ['4/4', '3/4', '6/8'] as const;
export type Meter = (typeof METERS)[number];
export const meterSchema = z.enum(METERS);

/** The meters a request, an arrangement or a manifest records: 4/4 is never written (absent = 4/4). */
export const recordedMeterSchema = z.enum(['3/4', '6/8']);
export type RecordedMeter = z.infer<typeof recordedMeterSchema>;

export type MeterSpec = {
  meter: Meter;
  /** Time signature as written in a MIDI file: numerator / denominator. */
  numerator: number;
  denominator: number;
  /** Sixteenth steps per bar: 16 in 4/4, 12 in 3/4 and 6/8. */
  stepsPerBar: number;
  /** Steps (within the bar) where the meter's beats fall: quarters in 4/4 and 3/4, dotted quarters in 6/8. */
  beats: readonly number[];
  /** Step (within the last bar) of the tonic cadence of a form plan: beat 3 in 4/4, the downbeat otherwise. */
  cadenceOffset: number;
};

const SPECS: Readonly<Record<Meter, MeterSpec>> = {
  '4/4': { meter: '4/4', numerator: 4, denominator: 4, stepsPerBar: 16, beats: [0, 4, 8, 12], cadenceOffset: 8 },
  '3/4': { meter: '3/4', numerator: 3, denominator: 4, stepsPerBar: 12, beats: [0, 4, 8], cadenceOffset: 0 },
  '6/8': { meter: '6/8', numerator: 6, denominator: 8, stepsPerBar: 12, beats: [0, 6], cadenceOffset: 0 },
};

/** The meter's bar length, beats and cadence step; `undefined` (nothing recorded) is 4/4. */
export function meterSpec(meter: Meter | undefined): MeterSpec {
  return SPECS[meter ?? '4/4'];
}

/** Sixteenth steps per bar of a recorded meter (absent: 4/4, 16 steps). */
export function stepsPerBarOf(x: { meter?: Meter | undefined }): number {
  return meterSpec(x.meter).stepsPerBar;
}

/** The `meter` field to record for `meter`: none for 4/4. */
export function recordMeter(meter: Meter | undefined): { meter?: RecordedMeter } {
  return meter === undefined || meter === '4/4' ? {} : { meter };
}
