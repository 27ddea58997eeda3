/**
 * The SoundFont renderer (pure: no I/O, the same module in Node and in the studio's worker). Plays the arrangement's
 * audible tracks through spessasynth_core (a SoundFont 2/3 synthesizer in plain JS) with the General MIDI presets,
 * volume, pan and reverb send of `SfMix`, event by event at exact frames, then the master stage (loudness.ts):
 * -14 LUFS integrated under -1 dBTP. The same arrangement, mix, SoundFont bytes and sample rate give the same PCM.
 *
 * Determinism: the synthesizer is driven only from here (no sequencer, no clock: notes are sent between `process`
 * calls at the frames where they start and stop), with Motif's own reverb and no chorus (effects.ts). SF3 samples are Ogg Vorbis, decoded by stb-vorbis compiled to
 * WebAssembly, whose float arithmetic is the same in every engine. spessasynth's own maths (envelopes, filters,
 * pan and tuning tables, the reverb) calls Math.pow/exp/sin/cos, whose last bit ECMAScript leaves to the engine:
 * Node and Chromium share V8's implementations, which the node-vs-browser test and bench compare on each run
 * (docs/provenance/SPEC.md, "Re-rendering the audio").
 */
import { BasicSoundBank, MIDIControllers, SoundBankLoader, SpessaSynthProcessor } from 'spessasynth_core';
import {
  audibleTracks,
  durationSeconds,
  secondsPerStep,
  soundingStep,
  type Arrangement,
} from '../../arrangement/types';
import { channelOf, GM_PRESETS, type SfMix } from './gm';
import { FreeverbReverb, SilentChorus } from './effects';
import { masterToLoudness, type MasterReport } from './loudness';

export const SF_RENDERER = { id: 'motif.sf-render', version: 1 } as const;
/** Frames rendered per `process` call between events. */
const BLOCK = 128;
export const SF_TAIL_SECONDS = 2;

export type SfRenderOptions = { sampleRate: number; tailSeconds?: number; onProgress?: (fraction: number) => void };
export type SfRendered = {
  sampleRate: number;
  channels: [Float32Array, Float32Array];
  seconds: number;
  master: MasterReport;
};

type Event = { frame: number; on: boolean; channel: number; pitch: number; velocity: number };

/** Parses SoundFont bytes (SF2 or SF3); the Vorbis decoder (WebAssembly) is ready when this resolves. */
export async function loadSoundBank(bytes: Uint8Array): Promise<BasicSoundBank> {
  await BasicSoundBank.isSF3DecoderReady;
  const copy = bytes.slice().buffer;
  return SoundBankLoader.fromArrayBuffer(copy);
}

/**
 * Note-on and note-off frames: `round((step + offsetTicks / 120) * secondsPerStep * sampleRate)` in IEEE double
 * arithmetic (`soundingStep`; a note without an offset uses the step itself, exactly as before offsets existed), the
 * timing offset moving the whole note.
 */
function eventsOf(a: Arrangement, rate: number): Event[] {
  const sps = secondsPerStep(a.tempo);
  const frameOf = (step: number): number => Math.round(step * sps * rate);
  const events: Event[] = [];
  for (const t of audibleTracks(a)) {
    const channel = channelOf(t.id);
    for (const n of t.notes) {
      const start = frameOf(soundingStep(n.quantizedStartStep, n));
      const end = frameOf(soundingStep(n.quantizedEndStep, n));
      events.push({ frame: start, on: true, channel, pitch: n.pitch, velocity: n.velocity });
      events.push({ frame: end, on: false, channel, pitch: n.pitch, velocity: 0 });
    }
  }
  // a fixed order for events on one frame: offs before ons, then channel, then pitch
  return events.sort(
    (x, y) => x.frame - y.frame || Number(x.on) - Number(y.on) || x.channel - y.channel || x.pitch - y.pitch,
  );
}

/** Renders the arrangement with the SoundFont and the mix, mastered to -14 LUFS / -1 dBTP. */
export async function renderWithSoundFont(
  a: Arrangement,
  mix: SfMix,
  bank: BasicSoundBank,
  opts: SfRenderOptions,
): Promise<SfRendered> {
  const rate = opts.sampleRate;
  const seconds = durationSeconds(a) + (opts.tailSeconds ?? SF_TAIL_SECONDS);
  const frames = Math.round(seconds * rate);
  const synth = new SpessaSynthProcessor(rate, {
    maxBufferSize: BLOCK,
    effectsEnabled: true,
    eventsEnabled: false,
    initialTime: 0,
    reverbProcessor: new FreeverbReverb(rate),
    chorusProcessor: new SilentChorus(),
  });
  await synth.processorInitialized;
  synth.soundBankManager.addSoundBank(bank, 'motif');
  for (const t of mix.tracks) {
    const ch = channelOf(t.track);
    const preset = GM_PRESETS[t.preset];
    if (!preset.drums) synth.programChange(ch, preset.program);
    synth.controllerChange(ch, MIDIControllers.mainVolume, t.volume);
    synth.controllerChange(ch, MIDIControllers.pan, t.pan);
    synth.controllerChange(ch, MIDIControllers.reverbDepth, t.reverb);
    synth.controllerChange(ch, MIDIControllers.chorusDepth, 0);
  }
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const events = eventsOf(a, rate);
  let at = 0;
  let next = 0;
  let reported = 0;
  while (at < frames) {
    while (next < events.length && (events[next]?.frame ?? Infinity) <= at) {
      const e = events[next++];
      if (!e) break;
      if (e.on) synth.noteOn(e.channel, e.pitch, e.velocity);
      else synth.noteOff(e.channel, e.pitch);
    }
    const until = Math.min(frames, at + BLOCK, events[next]?.frame ?? frames);
    synth.process(left, right, at, until - at);
    at = until;
    if (opts.onProgress && at - reported > rate) {
      reported = at;
      opts.onProgress((0.8 * at) / frames);
    }
  }
  const channels: [Float32Array, Float32Array] = [left, right];
  const master = masterToLoudness(channels, rate);
  opts.onProgress?.(1);
  return { sampleRate: rate, channels, seconds, master };
}

/** Interleaved 16-bit PCM of float channels, as the WAV writer encodes them (clamped, rounded to nearest). */
export function pcm16(channels: readonly Float32Array[]): Int16Array<ArrayBuffer> {
  const frames = channels[0]?.length ?? 0;
  const n = channels.length;
  const out = new Int16Array(frames * n);
  for (let c = 0; c < n; c++) {
    const ch = channels[c];
    if (!ch) continue;
    for (let i = 0; i < frames; i++) {
      const v = Math.max(-1, Math.min(1, ch[i] ?? 0));
      out[i * n + c] = Math.round(v * 32_767);
    }
  }
  return out;
}
