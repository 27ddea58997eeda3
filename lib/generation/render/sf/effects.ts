/**
 * The effect processors the SoundFont renderer gives spessasynth_core in place of its defaults:
 * - `FreeverbReverb`: Jezar's Freeverb (8 damped combs and 4 allpasses per side, fixed delay lengths, no modulation),
 *   about a third of the cost of spessasynth's default Dattorro plate with its interpolated, modulated delays (the
 *   reverb was 40 % of a render's time), in plain IEEE arithmetic;
 * - `SilentChorus`: no chorus (every mix sends 0 to it, so the default processor only burned time).
 * Both satisfy spessasynth's processor interfaces; the GS/XG parameters they hold are kept for its snapshots.
 */
import type { ChorusProcessor, ReverbProcessor } from 'spessasynth_core';

const COMBS = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
const ALLPASSES = [556, 441, 341, 225];
const STEREO_SPREAD = 23;
const FIXED_GAIN = 0.015;
const ROOM = 0.84; // feedback: 0.7 + 0.28 * room size 0.5
const DAMP = 0.2; // 0.4 * damping 0.5
const WET = 3;

type Line = { buf: Float64Array; at: number; store: number };
const line = (length: number): Line => ({ buf: new Float64Array(length), at: 0, store: 0 });
const scaled = (length: number, rate: number): number => Math.max(1, Math.round((length * rate) / 44_100));

export class FreeverbReverb implements ReverbProcessor {
  level = 64;
  preLowpass = 0;
  character = 4;
  time = 64;
  delayFeedback = 0;
  preDelayTime = 0;
  private readonly combs: [Line[], Line[]];
  private readonly allpasses: [Line[], Line[]];

  constructor(sampleRate: number) {
    this.combs = [
      COMBS.map((n) => line(scaled(n, sampleRate))),
      COMBS.map((n) => line(scaled(n + STEREO_SPREAD, sampleRate))),
    ];
    this.allpasses = [
      ALLPASSES.map((n) => line(scaled(n, sampleRate))),
      ALLPASSES.map((n) => line(scaled(n + STEREO_SPREAD, sampleRate))),
    ];
  }

  /** Per side: the block's comb sum, then its allpass chain, in place (grown to the largest block). */
  private acc = new Float64Array(128);
  /** The block's input times FIXED_GAIN (the same for both sides). */
  private x = new Float64Array(128);

  process(
    input: Float32Array,
    outputLeft: Float32Array,
    outputRight: Float32Array,
    startIndex: number,
    sampleCount: number,
  ): void {
    const wet = (WET * this.level) / 127;
    if (this.acc.length < sampleCount) {
      this.acc = new Float64Array(sampleCount);
      this.x = new Float64Array(sampleCount);
    }
    const acc = this.acc;
    const xs = this.x;
    for (let i = 0; i < sampleCount; i++) xs[i] = (input[i] ?? 0) * FIXED_GAIN;
    // Each comb and allpass keeps its own state, so running them one after the other over the block adds the same
    // terms in the same order per sample as running them all per sample: acc = ((0 + comb1) + comb2) + ...
    for (let side = 0; side < 2; side++) {
      const combs = this.combs[side] ?? [];
      const allpasses = this.allpasses[side] ?? [];
      const out = side === 0 ? outputLeft : outputRight;
      acc.fill(0, 0, sampleCount);
      for (const c of combs) {
        const buf = c.buf;
        let at = c.at;
        let store = c.store;
        for (let i = 0; i < sampleCount; i++) {
          const y = buf[at] ?? 0;
          store = y * (1 - DAMP) + store * DAMP;
          buf[at] = (xs[i] ?? 0) + store * ROOM;
          if (++at >= buf.length) at = 0;
          acc[i] = (acc[i] ?? 0) + y;
        }
        c.at = at;
        c.store = store;
      }
      for (const a of allpasses) {
        const buf = a.buf;
        let at = a.at;
        for (let i = 0; i < sampleCount; i++) {
          const v = acc[i] ?? 0;
          const b = buf[at] ?? 0;
          buf[at] = v + b * 0.5;
          if (++at >= buf.length) at = 0;
          acc[i] = b - v;
        }
        a.at = at;
      }
      for (let i = 0; i < sampleCount; i++) out[startIndex + i] = (out[startIndex + i] ?? 0) + (acc[i] ?? 0) * wet;
    }
  }

  getSnapshot() {
    const { level, preLowpass, character, time, delayFeedback, preDelayTime } = this;
    return { level, preLowpass, character, time, delayFeedback, preDelayTime };
  }
}

export class SilentChorus implements ChorusProcessor {
  level = 0;
  preLowpass = 0;
  feedback = 0;
  delay = 0;
  rate = 0;
  depth = 0;
  sendLevelToReverb = 0;
  sendLevelToDelay = 0;

  process(): void {
    // no chorus: every Motif mix sends 0 to it
  }

  getSnapshot() {
    const { level, preLowpass, feedback, delay, rate, depth, sendLevelToReverb, sendLevelToDelay } = this;
    return { level, preLowpass, feedback, delay, rate, depth, sendLevelToReverb, sendLevelToDelay };
  }
}
