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

/** Sub-step timing resolution: ticks per sixteenth step (the MIDI export's 480 PPQ / 4, so a tick is a MIDI tick). */
export const OFFSET_TICKS_PER_STEP = 120;
/** A note's timing offset stays within ±40 % of a step (±48 ticks). */
export const MAX_OFFSET_TICKS = 48;

export const noteSchema = z
  .object({
    pitch: z.number().int().min(0).max(127),
    quantizedStartStep: z.number().int().min(0),
    quantizedEndStep: z.number().int().min(1),
    velocity: z.number().int().min(1).max(127),
    /**
     * Optional sub-step timing (humanise): the whole note sounds `offsetTicks / 120` of a step early (< 0) or late
     * (> 0). Omitted when zero, so notes on the grid keep their exact JSON, digests and audio.
     */
    offsetTicks: z.number().int().min(-MAX_OFFSET_TICKS).max(MAX_OFFSET_TICKS).optional(),
  })
  .strict()
  .refine((n) => n.quantizedEndStep > n.quantizedStartStep, { message: 'note must end after it starts' })
  .refine((n) => n.offsetTicks !== 0, { message: 'offsetTicks is omitted when 0' })
  .refine((n) => n.quantizedStartStep * OFFSET_TICKS_PER_STEP + (n.offsetTicks ?? 0) >= 0, {
    message: 'note must not start before the piece',
  });
export type ArrangementNote = z.infer<typeof noteSchema>;

/** Where a note sounds, in (fractional) steps: `step + offsetTicks / 120` (exactly `step` when there is no offset). */
export function soundingStep(step: number, n: { offsetTicks?: number | undefined }): number {
  return n.offsetTicks ? step + n.offsetTicks / OFFSET_TICKS_PER_STEP : step;
}

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
