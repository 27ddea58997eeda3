/**
 * General MIDI presets of the SoundFont renderer and the per-track mix (pure data, zod). A preset names a GM program
 * (bank 0) or the GM drum kit (channel 10); the shipped SoundFont (public/soundfonts, soundfont.ts) holds exactly
 * these, so a preset added here must also be added to scripts/soundfont/build-soundfont.ts and the bank rebuilt.
 */
import { z } from 'zod';
import { TRACK_IDS, type TrackId } from '../../arrangement/types';

export type GmPreset = { label: string; program: number; drums: boolean };

export const GM_PRESETS = {
  piano: { label: 'Acoustic grand piano', program: 0, drums: false },
  electricPiano: { label: 'Electric piano', program: 4, drums: false },
  steelGuitar: { label: 'Steel-string guitar', program: 25, drums: false },
  fingerBass: { label: 'Fingered bass', program: 33, drums: false },
  synthBass: { label: 'Synth bass', program: 38, drums: false },
  strings: { label: 'String ensemble', program: 48, drums: false },
  warmPad: { label: 'Warm pad', program: 89, drums: false },
  standardKit: { label: 'GM standard drum kit', program: 0, drums: true },
} as const satisfies Record<string, GmPreset>;

export type GmPresetId = keyof typeof GM_PRESETS;
export const GM_PRESET_IDS = Object.keys(GM_PRESETS) as [GmPresetId, ...GmPresetId[]];
export const MELODIC_GM_PRESET_IDS = GM_PRESET_IDS.filter((id) => !GM_PRESETS[id].drums);
export const DRUM_GM_PRESET_IDS = GM_PRESET_IDS.filter((id) => GM_PRESETS[id].drums);

/** MIDI controller range (0-127): volume (CC7), pan (CC10, 64 = centre) and reverb send (CC91). */
const cc = z.number().int().min(0).max(127);

export const trackMixSchema = z
  .object({
    track: z.enum(TRACK_IDS),
    preset: z.enum(GM_PRESET_IDS),
    volume: cc,
    pan: cc,
    reverb: cc,
  })
  .strict();
export type TrackMix = z.infer<typeof trackMixSchema>;

/** The mix of the SoundFont render: one entry per track, in TRACK_IDS order; the drums track takes a drum kit. */
export const sfMixSchema = z
  .object({ version: z.literal(1), tracks: z.array(trackMixSchema).length(TRACK_IDS.length) })
  .strict()
  .superRefine((mix, ctx) => {
    mix.tracks.forEach((t, i) => {
      if (t.track !== TRACK_IDS[i])
        ctx.addIssue({
          code: 'custom',
          path: ['tracks', i, 'track'],
          message: 'tracks must follow melody, chords, bass, drums',
        });
      if (GM_PRESETS[t.preset].drums !== (t.track === 'drums'))
        ctx.addIssue({
          code: 'custom',
          path: ['tracks', i, 'preset'],
          message: t.track === 'drums' ? 'the drums track takes a drum kit' : 'a drum kit only fits the drums track',
        });
    });
  });
export type SfMix = z.infer<typeof sfMixSchema>;

export const DEFAULT_SF_MIX: SfMix = {
  version: 1,
  tracks: [
    { track: 'melody', preset: 'electricPiano', volume: 110, pan: 72, reverb: 40 },
    { track: 'chords', preset: 'strings', volume: 80, pan: 52, reverb: 60 },
    { track: 'bass', preset: 'fingerBass', volume: 105, pan: 64, reverb: 10 },
    { track: 'drums', preset: 'standardKit', volume: 100, pan: 64, reverb: 25 },
  ],
};

/** The presets a track may take (a drum kit on drums, GM programs elsewhere). */
export function presetsFor(track: TrackId): GmPresetId[] {
  return track === 'drums' ? DRUM_GM_PRESET_IDS : MELODIC_GM_PRESET_IDS;
}

/** MIDI channel of a track: 0-2 for the pitched tracks, 9 (GM channel 10) for the drums. */
export function channelOf(track: TrackId): number {
  return track === 'drums' ? 9 : TRACK_IDS.indexOf(track);
}
