/**
 * Browser only: Tone.js voices for the presets in arrangement/instruments.ts, shared by the live player and the
 * Tone.Offline renderer. `tone` is passed in (loaded with a dynamic import) so no module here pulls it into the
 * page's first load.
 */
import { GM_DRUMS } from '../arrangement/drums';
import { INSTRUMENTS, type InstrumentId } from '../arrangement/instruments';

export type ToneModule = typeof import('tone');

/** A voice that can play a note at an absolute context time. */
export type ToneVoice = {
  play(pitch: number, durationSeconds: number, time: number, velocity: number): void;
  /** The voice's output (connect to a destination). */
  output: import('tone').ToneAudioNode;
  dispose(): void;
};

function melodicVoice(Tone: ToneModule, id: InstrumentId): ToneVoice {
  const preset = INSTRUMENTS[id];
  if (preset.kind !== 'melodic') throw new Error(`${id} is not melodic`);
  const volume = new Tone.Volume(preset.gainDb);
  const panner = new Tone.Panner(preset.pan).connect(volume);
  const filter = new Tone.Filter({ type: 'lowpass', frequency: preset.cutoffHz, rolloff: -12 }).connect(panner);
  const oscillator =
    preset.detuneCents > 0
      ? { type: `fat${preset.waveform}` as const, count: 2, spread: preset.detuneCents * 2 }
      : { type: preset.waveform };
  const synth = new Tone.PolySynth(Tone.Synth, { oscillator, envelope: { ...preset.envelope } } as never).connect(
    filter,
  );
  synth.maxPolyphony = 16;
  return {
    output: volume,
    play: (pitch, dur, time, velocity) =>
      synth.triggerAttackRelease(Tone.Frequency(pitch, 'midi').toFrequency(), dur, time, velocity / 127),
    dispose: () => {
      synth.dispose();
      filter.dispose();
      panner.dispose();
      volume.dispose();
    },
  };
}

function drumVoice(Tone: ToneModule): ToneVoice {
  const preset = INSTRUMENTS.kit;
  const volume = new Tone.Volume(preset.gainDb);
  const kick = new Tone.MembraneSynth({
    pitchDecay: 0.03,
    octaves: 3,
    envelope: { attack: 0.001, decay: 0.3, sustain: 0, release: 0.05 },
  }).connect(volume);
  const snare = new Tone.NoiseSynth({
    noise: { type: 'white' },
    envelope: { attack: 0.001, decay: 0.15, sustain: 0, release: 0.03 },
  }).connect(volume);
  const hatFilter = new Tone.Filter({ type: 'highpass', frequency: 7000 }).connect(volume);
  const closedHat = new Tone.NoiseSynth({
    noise: { type: 'white' },
    envelope: { attack: 0.001, decay: 0.04, sustain: 0, release: 0.01 },
    volume: -8,
  }).connect(hatFilter);
  const openHat = new Tone.NoiseSynth({
    noise: { type: 'white' },
    envelope: { attack: 0.001, decay: 0.3, sustain: 0, release: 0.05 },
    volume: -10,
  }).connect(hatFilter);
  const rim = new Tone.Synth({
    oscillator: { type: 'sine' },
    envelope: { attack: 0.001, decay: 0.03, sustain: 0, release: 0.01 },
    volume: -6,
  }).connect(volume);
  // monophonic Tone synths refuse two starts at the same time: a second hit on the same instant is dropped
  const last = new Map<object, number>();
  const free = (synth: object, time: number): boolean => {
    const prev = last.get(synth);
    if (prev !== undefined && time <= prev) return false;
    last.set(synth, time);
    return true;
  };
  return {
    output: volume,
    play: (pitch, _dur, time, velocity) => {
      const v = velocity / 127;
      const target =
        pitch === GM_DRUMS.kick
          ? kick
          : pitch === GM_DRUMS.snare || pitch === GM_DRUMS.clap
            ? snare
            : pitch === GM_DRUMS.openHat
              ? openHat
              : pitch === GM_DRUMS.rim
                ? rim
                : closedHat;
      if (!free(target, time)) return;
      if (pitch === GM_DRUMS.kick) kick.triggerAttackRelease(50, 0.2, time, v);
      else if (pitch === GM_DRUMS.snare || pitch === GM_DRUMS.clap) snare.triggerAttackRelease(0.1, time, v);
      else if (pitch === GM_DRUMS.openHat) openHat.triggerAttackRelease(0.2, time, v);
      else if (pitch === GM_DRUMS.rim) rim.triggerAttackRelease(820, 0.03, time, v);
      else closedHat.triggerAttackRelease(0.03, time, v);
    },
    dispose: () => {
      for (const n of [kick, snare, closedHat, openHat, rim, hatFilter, volume]) n.dispose();
    },
  };
}

export function createVoice(Tone: ToneModule, id: InstrumentId): ToneVoice {
  return INSTRUMENTS[id].kind === 'drums' ? drumVoice(Tone) : melodicVoice(Tone, id);
}
