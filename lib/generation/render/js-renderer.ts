/**
 * The fast offline renderer (pure JS, Node and browser): additive voices written straight into Float32Arrays.
 * Same presets as the Tone.js renderer (arrangement/instruments.ts): naive oscillators with a linear ADSR, a one-pole
 * lowpass per track, equal-power pan; the drum kit is synthesised (sine-sweep kick, noise snare/hats/clap, rim click)
 * with a fixed-seed noise source, so a render is deterministic. About 140x real time in the studio's worker; the
 * Tone.Offline renderer reaches about 55x on the main thread (bench/studio.ts).
 */
import { INSTRUMENTS, type MelodicPreset } from '../arrangement/instruments';
import { GM_DRUMS } from '../arrangement/drums';
import { WAV_SAMPLE_RATE } from '../export/wav';
import {
  audibleTracks,
  durationSeconds,
  secondsPerStep,
  soundingStep,
  type Arrangement,
  type ArrangementNote,
  type Track,
} from '../arrangement/types';

export type RenderOptions = { sampleRate?: number; tailSeconds?: number; onProgress?: (fraction: number) => void };
export type RenderedAudio = { sampleRate: number; channels: [Float32Array, Float32Array]; seconds: number };

export const DEFAULT_TAIL_SECONDS = 1;

const dbToGain = (db: number): number => 10 ** (db / 20);
const midiToHz = (p: number): number => 440 * 2 ** ((p - 69) / 12);

/** PolyBLEP residual (Välimäki): smooths a unit step at phase 0 over one sample either side, against aliasing. */
function polyBlep(t: number, dt: number): number {
  if (t < dt) {
    const x = t / dt;
    return x + x - x * x - 1;
  }
  if (t > 1 - dt) {
    const x = (t - 1) / dt;
    return x * x + x + x + 1;
  }
  return 0;
}

/** One sample of the waveform at `phase` in [0, 1) with phase increment `dt` (saw and square band-limited). */
export function oscillator(waveform: MelodicPreset['waveform'], phase: number, dt: number): number {
  switch (waveform) {
    case 'sine':
      return Math.sin(2 * Math.PI * phase);
    case 'triangle':
      return 1 - 4 * Math.abs(phase - 0.5);
    case 'sawtooth':
      return 2 * phase - 1 - polyBlep(phase, dt);
    case 'square': {
      const half = phase + 0.5 >= 1 ? phase - 0.5 : phase + 0.5;
      return (phase < 0.5 ? 1 : -1) + polyBlep(phase, dt) - polyBlep(half, dt);
    }
  }
}

/** Linear ADSR value at `t` seconds for a note held `hold` seconds (release starts at `hold`). */
export function envelopeAt(env: MelodicPreset['envelope'], t: number, hold: number): number {
  const { attack, decay, sustain, release } = env;
  const held = (x: number): number =>
    x < attack ? x / attack : x < attack + decay ? 1 - ((1 - sustain) * (x - attack)) / decay : sustain;
  if (t < hold) return held(t);
  const from = held(hold);
  const r = t - hold;
  return r >= release ? 0 : from * (1 - r / release);
}

function renderMelodicNote(
  out: Float32Array,
  n: ArrangementNote,
  preset: MelodicPreset,
  sps: number,
  rate: number,
): void {
  const start = Math.round(soundingStep(n.quantizedStartStep, n) * sps * rate);
  const hold = (n.quantizedEndStep - n.quantizedStartStep) * sps;
  const frames = Math.min(out.length - start, Math.ceil((hold + preset.envelope.release) * rate));
  const amp = n.velocity / 127;
  const f1 = midiToHz(n.pitch) / rate;
  const detune = preset.detuneCents !== 0;
  const f2 = detune ? f1 * 2 ** (preset.detuneCents / 1200) : 0;
  const mix = detune ? 0.5 : 1;
  let p1 = 0;
  let p2 = 0.25;
  const { attack, decay, sustain, release } = preset.envelope;
  const holdFrames = Math.round(hold * rate);
  const aF = Math.max(1, attack * rate);
  const dF = Math.max(1, decay * rate);
  const rF = Math.max(1, release * rate);
  const heldAt = (i: number): number => (i < aF ? i / aF : i < aF + dF ? 1 - ((1 - sustain) * (i - aF)) / dF : sustain);
  const releaseFrom = heldAt(holdFrames);
  for (let i = 0; i < frames; i++) {
    const e = i < holdFrames ? heldAt(i) : releaseFrom * Math.max(0, 1 - (i - holdFrames) / rF);
    let s = oscillator(preset.waveform, p1, f1);
    p1 += f1;
    if (p1 >= 1) p1 -= 1;
    if (detune) {
      s += oscillator(preset.waveform, p2, f2);
      p2 += f2;
      if (p2 >= 1) p2 -= 1;
    }
    const at = start + i;
    out[at] = (out[at] ?? 0) + s * mix * e * amp;
  }
}

/** xorshift32 noise in [-1, 1), fixed seed per hit so renders are deterministic. */
function noiseSource(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2147483648 - 1;
  };
}

function renderDrumHit(out: Float32Array, n: ArrangementNote, sps: number, rate: number): void {
  const start = Math.round(soundingStep(n.quantizedStartStep, n) * sps * rate);
  const amp = n.velocity / 127;
  const noise = noiseSource(n.quantizedStartStep * 131 + n.pitch);
  const write = (seconds: number, sample: (t: number, i: number) => number): void => {
    const frames = Math.min(out.length - start, Math.ceil(seconds * rate));
    for (let i = 0; i < frames; i++) out[start + i] = (out[start + i] ?? 0) + amp * sample(i / rate, i);
  };
  switch (n.pitch) {
    case GM_DRUMS.kick: {
      let phase = 0;
      write(0.35, (t) => {
        phase += (50 + 100 * Math.exp(-t * 30)) / rate;
        return Math.sin(2 * Math.PI * phase) * Math.exp(-t * 9);
      });
      return;
    }
    case GM_DRUMS.snare: {
      let phase = 0;
      write(0.2, (t) => {
        phase += 185 / rate;
        return 0.55 * noise() * Math.exp(-t * 22) + 0.35 * Math.sin(2 * Math.PI * phase) * Math.exp(-t * 30);
      });
      return;
    }
    case GM_DRUMS.clap:
      write(
        0.18,
        (t) => 0.5 * noise() * (t < 0.03 ? (Math.floor(t * 100) % 2 === 0 ? 1 : 0.4) : Math.exp(-(t - 0.03) * 25)),
      );
      return;
    case GM_DRUMS.rim: {
      let phase = 0;
      write(0.04, (t) => {
        phase += 820 / rate;
        return 0.4 * Math.sin(2 * Math.PI * phase) * Math.exp(-t * 120);
      });
      return;
    }
    default: {
      // hats: differentiated noise (a crude highpass), closed short, open longer
      const decay = n.pitch === GM_DRUMS.openHat ? 9 : 60;
      let prev = 0;
      write(n.pitch === GM_DRUMS.openHat ? 0.35 : 0.08, (t) => {
        const x = noise();
        const y = x - prev;
        prev = x;
        return 0.18 * y * Math.exp(-t * decay);
      });
    }
  }
}

function onePoleLowpass(buf: Float32Array, cutoffHz: number, rate: number): void {
  const a = 1 - Math.exp((-2 * Math.PI * cutoffHz) / rate);
  let y = 0;
  for (let i = 0; i < buf.length; i++) {
    y += a * ((buf[i] ?? 0) - y);
    buf[i] = y;
  }
}

function renderTrack(t: Track, a: Arrangement, frames: number, rate: number): Float32Array {
  const mono = new Float32Array(frames);
  const preset = INSTRUMENTS[t.instrument];
  const sps = secondsPerStep(a.tempo);
  if (preset.kind === 'drums') {
    for (const n of t.notes) renderDrumHit(mono, n, sps, rate);
  } else {
    for (const n of t.notes) renderMelodicNote(mono, n, preset, sps, rate);
    onePoleLowpass(mono, preset.cutoffHz, rate);
  }
  return mono;
}

/** Renders the audible tracks (mute/solo applied) to stereo float PCM, length = song + tail. */
export function renderArrangement(a: Arrangement, opts: RenderOptions = {}): RenderedAudio {
  const rate = opts.sampleRate ?? WAV_SAMPLE_RATE;
  const seconds = durationSeconds(a) + (opts.tailSeconds ?? DEFAULT_TAIL_SECONDS);
  const frames = Math.round(seconds * rate);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const tracks = audibleTracks(a);
  tracks.forEach((t, i) => {
    const mono = renderTrack(t, a, frames, rate);
    const preset = INSTRUMENTS[t.instrument];
    const g = dbToGain(preset.gainDb);
    const angle = ((preset.pan + 1) * Math.PI) / 4;
    const gl = g * Math.cos(angle);
    const gr = g * Math.sin(angle);
    for (let k = 0; k < frames; k++) {
      const x = mono[k] ?? 0;
      left[k] = (left[k] ?? 0) + x * gl;
      right[k] = (right[k] ?? 0) + x * gr;
    }
    opts.onProgress?.((i + 1) / tracks.length);
  });
  return { sampleRate: rate, channels: [left, right], seconds };
}
