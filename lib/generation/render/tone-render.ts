/**
 * Browser only (main thread: Tone.Offline needs an OfflineAudioContext, which workers lack). Two voice sets:
 * - `native` (default): Tone.Offline's context with one Web Audio oscillator (two when the preset detunes) and one
 *   gain envelope per note, a lowpass, panner and gain per track; drums from a shared noise buffer and a swept sine.
 *   Far fewer JS objects per note than Tone.js instruments, which is what limits Tone.Offline's speed here.
 * - `tone`: the Tone.js instruments of the live player (render/tone-instruments.ts), for a render that sounds
 *   exactly like playback.
 * Every note is scheduled at its absolute time (no Transport); audible tracks only (mute/solo applied).
 */
import { GM_DRUMS } from '../arrangement/drums';
import { INSTRUMENTS, type MelodicPreset } from '../arrangement/instruments';
import { audibleTracks, durationSeconds, secondsPerStep, type Arrangement, type ArrangementNote } from '../arrangement/types';
import { DEFAULT_TAIL_SECONDS, envelopeAt, type RenderedAudio } from './js-renderer';
import { createVoice } from './tone-instruments';

export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

export type ToneVoices = 'native' | 'tone';

const midiToHz = (p: number): number => 440 * 2 ** ((p - 69) / 12);
const dbToGain = (db: number): number => 10 ** (db / 20);

type Ctx = {
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
  createBiquadFilter(): BiquadFilterNode;
  createStereoPanner(): StereoPannerNode;
  createBuffer(channels: number, length: number, rate: number): AudioBuffer;
  createBufferSource(): AudioBufferSourceNode;
};

function scheduleMelodic(ctx: Ctx, out: AudioNode, preset: MelodicPreset, notes: readonly ArrangementNote[], sps: number): void {
  const env = preset.envelope;
  const detune = preset.detuneCents !== 0;
  for (const n of notes) {
    const t = n.quantizedStartStep * sps;
    const hold = (n.quantizedEndStep - n.quantizedStartStep) * sps;
    const peak = (n.velocity / 127) * (detune ? 0.5 : 1);
    const g = ctx.createGain();
    const p = g.gain;
    p.setValueAtTime(0, t);
    if (hold > env.attack) {
      p.linearRampToValueAtTime(peak, t + env.attack);
      if (hold > env.attack + env.decay) p.linearRampToValueAtTime(peak * env.sustain, t + env.attack + env.decay);
    }
    p.linearRampToValueAtTime(peak * envelopeAt(env, hold, hold), t + hold);
    p.linearRampToValueAtTime(0, t + hold + env.release);
    g.connect(out);
    const oscs = detune ? [0, preset.detuneCents] : [0];
    for (const cents of oscs) {
      const o = ctx.createOscillator();
      o.type = preset.waveform;
      o.frequency.value = midiToHz(n.pitch);
      o.detune.value = cents;
      o.connect(g);
      o.start(t);
      o.stop(t + hold + env.release + 0.01);
    }
  }
}

function scheduleDrums(ctx: Ctx, out: AudioNode, notes: readonly ArrangementNote[], sps: number, rate: number): void {
  const noise = ctx.createBuffer(1, rate, rate);
  const data = noise.getChannelData(0);
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = (x >>> 0) / 2147483648 - 1;
  }
  const hatFilter = ctx.createBiquadFilter();
  hatFilter.type = 'highpass';
  hatFilter.frequency.value = 7000;
  hatFilter.connect(out);
  const hit = (source: AudioScheduledSourceNode, dest: AudioNode, t: number, level: number, decay: number): void => {
    const g = ctx.createGain();
    g.gain.setValueAtTime(level, t);
    g.gain.exponentialRampToValueAtTime(0.001, t + decay);
    source.connect(g);
    g.connect(dest);
    source.start(t);
    source.stop(t + decay + 0.01);
  };
  for (const n of notes) {
    const t = n.quantizedStartStep * sps;
    const v = n.velocity / 127;
    if (n.pitch === GM_DRUMS.kick) {
      const o = ctx.createOscillator();
      o.frequency.setValueAtTime(150, t);
      o.frequency.exponentialRampToValueAtTime(50, t + 0.08);
      hit(o, out, t, v, 0.35);
    } else if (n.pitch === GM_DRUMS.rim) {
      const o = ctx.createOscillator();
      o.frequency.value = 820;
      hit(o, out, t, 0.4 * v, 0.04);
    } else {
      const s = ctx.createBufferSource();
      s.buffer = noise;
      const hat = n.pitch === GM_DRUMS.closedHat || n.pitch === GM_DRUMS.openHat;
      const decay = n.pitch === GM_DRUMS.openHat ? 0.3 : hat ? 0.05 : 0.18;
      hit(s, hat ? hatFilter : out, t, (hat ? 0.35 : 0.5) * v, decay);
    }
  }
}

export async function renderWithToneOffline(
  a: Arrangement,
  opts: { sampleRate?: number; tailSeconds?: number; voices?: ToneVoices } = {},
): Promise<RenderedAudio> {
  const Tone = await import('tone');
  const rate = opts.sampleRate ?? 44_100;
  const seconds = durationSeconds(a) + (opts.tailSeconds ?? DEFAULT_TAIL_SECONDS);
  const sps = secondsPerStep(a.tempo);
  const voices = opts.voices ?? 'native';
  let buffer: import('tone').ToneAudioBuffer;
  try {
    buffer = await Tone.Offline((context) => {
      for (const t of audibleTracks(a)) {
        if (voices === 'tone') {
          const voice = createVoice(Tone, t.instrument);
          voice.output.toDestination();
          for (const n of t.notes) voice.play(n.pitch, (n.quantizedEndStep - n.quantizedStartStep) * sps, n.quantizedStartStep * sps, n.velocity);
          continue;
        }
        const ctx = context as unknown as Ctx;
        const preset = INSTRUMENTS[t.instrument];
        const volume = ctx.createGain();
        volume.gain.value = dbToGain(preset.gainDb);
        volume.connect((context.rawContext as unknown as BaseAudioContext).destination);
        const pan = ctx.createStereoPanner();
        pan.pan.value = preset.pan;
        pan.connect(volume);
        if (preset.kind === 'drums') scheduleDrums(ctx, pan, t.notes, sps, rate);
        else {
          const lp = ctx.createBiquadFilter();
          lp.type = 'lowpass';
          lp.frequency.value = preset.cutoffHz;
          lp.Q.value = 0.5;
          lp.connect(pan);
          scheduleMelodic(ctx, lp, preset, t.notes, sps);
        }
      }
    }, seconds, 2, rate);
  } catch (e) {
    throw new RenderError(`Tone.Offline failed: ${(e as Error).message}`);
  }
  const channels = buffer.toArray() as Float32Array[] | Float32Array;
  const [left, right] = Array.isArray(channels) ? channels : [channels, channels];
  if (!left || !right) throw new RenderError('Tone.Offline returned no audio');
  return { sampleRate: rate, channels: [left, right], seconds };
}
