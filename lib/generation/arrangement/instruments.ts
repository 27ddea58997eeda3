/**
 * Instrument presets (pure data). The Tone.js renderer/player (render/tone-*.ts) and the pure-JS renderer
 * (render/js-renderer.ts) both read these, so a preset sounds alike in both. Nothing is downloaded: all synthesis.
 */
export type Envelope = { attack: number; decay: number; sustain: number; release: number };
export type Waveform = 'sine' | 'triangle' | 'sawtooth' | 'square';

export type MelodicPreset = {
  id: string;
  label: string;
  kind: 'melodic';
  /** Tone.js oscillator type (`fat*`/`fm*` are not used so both renderers agree). */
  waveform: Waveform;
  envelope: Envelope;
  /** Lowpass cutoff in Hz (one-pole in the JS renderer, Tone.Filter rolloff -12 in Tone). */
  cutoffHz: number;
  gainDb: number;
  pan: number;
  /** Second oscillator detune in cents (0 = single oscillator). */
  detuneCents: number;
};

export type DrumKitPreset = { id: string; label: string; kind: 'drums'; gainDb: number; pan: number };
export type InstrumentPreset = MelodicPreset | DrumKitPreset;

export const INSTRUMENTS = {
  lead: {
    id: 'lead',
    label: 'Soft lead (triangle)',
    kind: 'melodic',
    waveform: 'triangle',
    envelope: { attack: 0.01, decay: 0.15, sustain: 0.6, release: 0.2 },
    cutoffHz: 6000,
    gainDb: -6,
    pan: 0.1,
    detuneCents: 0,
  },
  pluck: {
    id: 'pluck',
    label: 'Pluck (sawtooth)',
    kind: 'melodic',
    waveform: 'sawtooth',
    envelope: { attack: 0.003, decay: 0.25, sustain: 0.1, release: 0.15 },
    cutoffHz: 3500,
    gainDb: -10,
    pan: -0.1,
    detuneCents: 0,
  },
  square: {
    id: 'square',
    label: 'Chip (square)',
    kind: 'melodic',
    waveform: 'square',
    envelope: { attack: 0.005, decay: 0.1, sustain: 0.5, release: 0.1 },
    cutoffHz: 4000,
    gainDb: -14,
    pan: 0,
    detuneCents: 0,
  },
  flute: {
    id: 'flute',
    label: 'Flute (sine)',
    kind: 'melodic',
    waveform: 'sine',
    envelope: { attack: 0.05, decay: 0.1, sustain: 0.8, release: 0.25 },
    cutoffHz: 8000,
    gainDb: -4,
    pan: 0.1,
    detuneCents: 0,
  },
  pad: {
    id: 'pad',
    label: 'Warm pad (detuned saw)',
    kind: 'melodic',
    waveform: 'sawtooth',
    envelope: { attack: 0.3, decay: 0.4, sustain: 0.7, release: 0.8 },
    cutoffHz: 1800,
    gainDb: -18,
    pan: -0.2,
    detuneCents: 8,
  },
  keys: {
    id: 'keys',
    label: 'Electric keys (triangle)',
    kind: 'melodic',
    waveform: 'triangle',
    envelope: { attack: 0.005, decay: 0.6, sustain: 0.3, release: 0.4 },
    cutoffHz: 5000,
    gainDb: -12,
    pan: -0.15,
    detuneCents: 4,
  },
  bass: {
    id: 'bass',
    label: 'Synth bass (square)',
    kind: 'melodic',
    waveform: 'square',
    envelope: { attack: 0.005, decay: 0.2, sustain: 0.7, release: 0.1 },
    cutoffHz: 900,
    gainDb: -8,
    pan: 0,
    detuneCents: 0,
  },
  subBass: {
    id: 'subBass',
    label: 'Sub bass (sine)',
    kind: 'melodic',
    waveform: 'sine',
    envelope: { attack: 0.01, decay: 0.2, sustain: 0.9, release: 0.1 },
    cutoffHz: 2000,
    gainDb: -4,
    pan: 0,
    detuneCents: 0,
  },
  kit: { id: 'kit', label: 'Synth drum kit', kind: 'drums', gainDb: -6, pan: 0 },
} as const satisfies Record<string, InstrumentPreset>;

export type InstrumentId = keyof typeof INSTRUMENTS;
export const INSTRUMENT_IDS = Object.keys(INSTRUMENTS) as [InstrumentId, ...InstrumentId[]];
export const MELODIC_INSTRUMENT_IDS = INSTRUMENT_IDS.filter((id) => INSTRUMENTS[id].kind === 'melodic');

export function instrumentPreset(id: InstrumentId): InstrumentPreset {
  return INSTRUMENTS[id];
}
