/** The arrangement: four tracks of quantized notes (sixteenth steps, 4 per quarter; 4/4 unless `meter`). Zod schemas (pure). */
import { z } from 'zod';
import { INSTRUMENT_IDS } from './instruments';
import { KEYS, SCALE_NAMES, type ScaleName } from './theory';
import { recordedMeterSchema, stepsPerBarOf, type Meter } from './meter';

export const STEPS_PER_BAR = 16;
export const ARRANGEMENT_STEPS_PER_QUARTER = 4;

export const TRACK_IDS = ['melody', 'chords', 'bass', 'drums'] as const;
export type TrackId = (typeof TRACK_IDS)[number];

export const trackIdSchema = z.enum(TRACK_IDS);
export const instrumentIdSchema = z.enum(INSTRUMENT_IDS);
export const keySchema = z.enum(KEYS);
export const scaleSchema = z.enum(SCALE_NAMES as [ScaleName, ...ScaleName[]]);

export const noteSchema = z
  .object({
    pitch: z.number().int().min(0).max(127),
    quantizedStartStep: z.number().int().min(0),
    quantizedEndStep: z.number().int().min(1),
    velocity: z.number().int().min(1).max(127),
  })
  .strict()
  .refine((n) => n.quantizedEndStep > n.quantizedStartStep, { message: 'note must end after it starts' });
export type ArrangementNote = z.infer<typeof noteSchema>;

export const trackSchema = z
  .object({
    id: trackIdSchema,
    instrument: instrumentIdSchema,
    muted: z.boolean(),
    solo: z.boolean(),
    notes: z.array(noteSchema),
  })
  .strict();
export type Track = z.infer<typeof trackSchema>;

export const arrangementSchema = z
  .object({
    version: z.literal(1),
    tempo: z.number().min(20).max(300),
    stepsPerQuarter: z.literal(4),
    bars: z.number().int().min(1).max(256),
    key: keySchema,
    scale: scaleSchema,
    style: z.string(),
    /** One chord symbol per bar. */
    progression: z.array(z.string()),
    tracks: z.array(trackSchema).length(4),
    /** 3/4 or 6/8 (./meter.ts); absent: 4/4. */
    meter: recordedMeterSchema.optional(),
  })
  .strict();
export type Arrangement = z.infer<typeof arrangementSchema>;

export function totalSteps(a: Pick<Arrangement, 'bars'> & { meter?: Meter | undefined }): number {
  return a.bars * stepsPerBarOf(a);
}

export function track(a: Arrangement, id: TrackId): Track {
  const t = a.tracks.find((x) => x.id === id);
  if (!t) throw new Error(`arrangement has no ${id} track`);
  return t;
}

/** Tracks that sound: solo wins over mute (any soloed track silences the un-soloed ones). */
export function audibleTracks(a: Arrangement): Track[] {
  const anySolo = a.tracks.some((t) => t.solo);
  return a.tracks.filter((t) => (anySolo ? t.solo : !t.muted));
}

export function secondsPerStep(tempo: number): number {
  return 60 / tempo / ARRANGEMENT_STEPS_PER_QUARTER;
}

export function durationSeconds(a: Pick<Arrangement, 'bars' | 'tempo'> & { meter?: Meter | undefined }): number {
  return totalSteps(a) * secondsPerStep(a.tempo);
}
