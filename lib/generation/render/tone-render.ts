/**
 * Browser only (main thread: Tone.Offline needs an OfflineAudioContext, which workers lack). Two voice sets:
 * - `native` (default): Tone.Offline's context with Web Audio voices: per voice one oscillator (two when the preset
 *   detunes) and one gain whose automation plays the voice's notes; a lowpass, panner and gain per track; drums from a
 *   looping noise buffer and a swept sine. A handful of nodes per track instead of several per note, which is what
 *   limited Tone.Offline's speed here.
 * - `tone`: the Tone.js instruments of the live player (render/tone-instruments.ts), for a render that sounds
 *   exactly like playback.
 * Every note is scheduled at its absolute time (no Transport); audible tracks only (mute/solo applied).
 */
import { GM_DRUMS } from '../arrangement/drums';
import { WAV_SAMPLE_RATE } from '../export/wav';
import { INSTRUMENTS, type MelodicPreset } from '../arrangement/instruments';
import {
  audibleTracks,
  durationSeconds,
  secondsPerStep,
  soundingStep,
  type Arrangement,
  type ArrangementNote,
} from '../arrangement/types';
import { DEFAULT_TAIL_SECONDS, envelopeAt, type RenderedAudio } from './js-renderer';
import { createVoice } from './tone-instruments';
import { BaseError } from '../../errors/base';

export class RenderError extends BaseError {
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

/**
 * Notes share voices: a voice is one running source (oscillator or looping noise) and one gain whose automation plays
 * each of its notes in turn, and a note takes the first voice free by its start (the previous note's release ended).
 * One node set per note, created before rendering, kept thousands of nodes in the graph for the whole render; a
 * track needs only as many voices as notes sound at once.
 */
type Voice = { gain: GainNode; freeAt: number; sources: AudioScheduledSourceNode[] };

class VoicePool {
  private readonly voices: Voice[] = [];
  constructor(private readonly create: () => Voice) {}

  /** A voice free at `start`, held until `end`. */
  take(start: number, end: number): Voice {
    const voice = this.voices.find((v) => v.freeAt <= start) ?? this.voices[this.voices.push(this.create()) - 1]!;
    voice.freeAt = end;
    return voice;
  }

  /** Starts every voice's sources at 0 and stops them after the last note. */
  run(seconds: number): void {
    for (const voice of this.voices) {
      for (const source of voice.sources) {
        source.start(0);
        source.stop(seconds);
      }
    }
  }
}

function silentGain(ctx: Ctx, out: AudioNode): GainNode {
  const g = ctx.createGain();
  g.gain.value = 0;
  g.connect(out);
  return g;
}

function scheduleMelodic(
  ctx: Ctx,
  out: AudioNode,
  preset: MelodicPreset,
  notes: readonly ArrangementNote[],
  sps: number,
  seconds: number,
): void {
  const env = preset.envelope;
  const detune = preset.detuneCents !== 0;
  const pool = new VoicePool(() => {
    const gain = silentGain(ctx, out);
    const sources = (detune ? [0, preset.detuneCents] : [0]).map((cents) => {
      const o = ctx.createOscillator();
      o.type = preset.waveform;
      o.detune.value = cents;
      o.connect(gain);
      return o;
    });
    return { gain, freeAt: 0, sources };
  });
  for (const n of [...notes].sort(
    (x, y) => soundingStep(x.quantizedStartStep, x) - soundingStep(y.quantizedStartStep, y),
  )) {
    const t = soundingStep(n.quantizedStartStep, n) * sps;
    const hold = (n.quantizedEndStep - n.quantizedStartStep) * sps;
    const end = t + hold + env.release + 0.01;
    const voice = pool.take(t, end);
    for (const source of voice.sources) (source as OscillatorNode).frequency.setValueAtTime(midiToHz(n.pitch), t);
    const peak = (n.velocity / 127) * (detune ? 0.5 : 1);
    const p = voice.gain.gain;
    p.setValueAtTime(0, t);
    if (hold > env.attack) {
      p.linearRampToValueAtTime(peak, t + env.attack);
      if (hold > env.attack + env.decay) p.linearRampToValueAtTime(peak * env.sustain, t + env.attack + env.decay);
    }
    p.linearRampToValueAtTime(peak * envelopeAt(env, hold, hold), t + hold);
    p.linearRampToValueAtTime(0, t + hold + env.release);
  }
  pool.run(seconds);
}

function scheduleDrums(
  ctx: Ctx,
  out: AudioNode,
  notes: readonly ArrangementNote[],
  sps: number,
  rate: number,
  seconds: number,
): void {
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
  const oscillatorVoice = (frequency: number) => (): Voice => {
    const gain = silentGain(ctx, out);
    const o = ctx.createOscillator();
    o.frequency.value = frequency;
    o.connect(gain);
    return { gain, freeAt: 0, sources: [o] };
  };
  const noiseVoice = (dest: AudioNode) => (): Voice => {
    const gain = silentGain(ctx, dest);
    const s = ctx.createBufferSource();
    s.buffer = noise;
    s.loop = true;
    s.connect(gain);
    return { gain, freeAt: 0, sources: [s] };
  };
  const kicks = new VoicePool(oscillatorVoice(150));
  const rims = new VoicePool(oscillatorVoice(820));
  const hats = new VoicePool(noiseVoice(hatFilter));
  const others = new VoicePool(noiseVoice(out));
  // An exponential decay to -60 dB, then silence, as the one-shot sources did when they stopped.
  const hit = (voice: Voice, t: number, level: number, decay: number): void => {
    const g = voice.gain.gain;
    g.setValueAtTime(level, t);
    g.exponentialRampToValueAtTime(0.001, t + decay);
    g.linearRampToValueAtTime(0, t + decay + 0.01);
  };
  for (const n of [...notes].sort(
    (a, b) => soundingStep(a.quantizedStartStep, a) - soundingStep(b.quantizedStartStep, b),
  )) {
    const t = soundingStep(n.quantizedStartStep, n) * sps;
    const v = n.velocity / 127;
    if (n.pitch === GM_DRUMS.kick) {
      const voice = kicks.take(t, t + 0.36);
      const f = (voice.sources[0] as OscillatorNode).frequency;
      f.setValueAtTime(150, t);
      f.exponentialRampToValueAtTime(50, t + 0.08);
      hit(voice, t, v, 0.35);
    } else if (n.pitch === GM_DRUMS.rim) {
      hit(rims.take(t, t + 0.05), t, 0.4 * v, 0.04);
    } else {
      const hat = n.pitch === GM_DRUMS.closedHat || n.pitch === GM_DRUMS.openHat;
      const decay = n.pitch === GM_DRUMS.openHat ? 0.3 : hat ? 0.05 : 0.18;
      hit((hat ? hats : others).take(t, t + decay + 0.01), t, (hat ? 0.35 : 0.5) * v, decay);
    }
  }
  for (const pool of [kicks, rims, hats, others]) pool.run(seconds);
}

export async function renderWithToneOffline(
  a: Arrangement,
  opts: { sampleRate?: number; tailSeconds?: number; voices?: ToneVoices } = {},
): Promise<RenderedAudio> {
  const Tone = await import('tone');
  const rate = opts.sampleRate ?? WAV_SAMPLE_RATE;
  const seconds = durationSeconds(a) + (opts.tailSeconds ?? DEFAULT_TAIL_SECONDS);
  const sps = secondsPerStep(a.tempo);
  const voices = opts.voices ?? 'native';
  let buffer: import('tone').ToneAudioBuffer;
  try {
    buffer = await Tone.Offline(
      (context) => {
        for (const t of audibleTracks(a)) {
          if (voices === 'tone') {
            const voice = createVoice(Tone, t.instrument);
            voice.output.toDestination();
            for (const n of t.notes)
              voice.play(
                n.pitch,
                (n.quantizedEndStep - n.quantizedStartStep) * sps,
                soundingStep(n.quantizedStartStep, n) * sps,
                n.velocity,
              );
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
          if (preset.kind === 'drums') scheduleDrums(ctx, pan, t.notes, sps, rate, seconds);
          else {
            const lp = ctx.createBiquadFilter();
            lp.type = 'lowpass';
            lp.frequency.value = preset.cutoffHz;
            lp.Q.value = 0.5;
            lp.connect(pan);
            scheduleMelodic(ctx, lp, preset, t.notes, sps, seconds);
          }
        }
      },
      seconds,
      2,
      rate,
    );
  } catch (e) {
    throw new RenderError(`Tone.Offline failed: ${(e as Error).message}`);
  }
  const channels = buffer.toArray() as Float32Array[] | Float32Array;
  const [left, right] = Array.isArray(channels) ? channels : [channels, channels];
  if (!left || !right) throw new RenderError('Tone.Offline returned no audio');
  return { sampleRate: rate, channels: [left, right], seconds };
}
