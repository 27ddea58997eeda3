import { describe, expect, it } from 'vitest';
import { integratedMeanSquare, lufsOf, masterToLoudness, slidingExtreme, truePeakOf } from './loudness';

const RATE = 48_000;
const sine = (hz: number, amp: number, seconds: number, phase = 0): Float32Array =>
  Float32Array.from({ length: seconds * RATE }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / RATE + phase));

describe('BS.1770 loudness', () => {
  it('reads a 997 Hz sine at -20 dBFS in both channels as -20 LUFS (the recommendation: 0 dBFS reads 0 LUFS)', () => {
    const s = sine(997, 0.1, 5);
    expect(lufsOf(integratedMeanSquare([s, s], RATE))).toBeCloseTo(-20, 1);
  });
  it('gates silence out: how long the silence after a tone lasts does not change its loudness', () => {
    const tone = sine(997, 0.1, 5);
    const withSilence = (seconds: number): number => {
      const padded = new Float32Array(tone.length + seconds * RATE);
      padded.set(tone);
      return lufsOf(integratedMeanSquare([padded, padded], RATE));
    };
    expect(withSilence(5)).toBeCloseTo(-20, 0);
    expect(withSilence(20)).toBe(withSilence(5));
    expect(integratedMeanSquare([new Float32Array(RATE)], RATE)).toBe(0);
  });
  it('finds the true peak between samples: a sine at fs/4 sampled 45 degrees off its crests', () => {
    const s = sine(RATE / 4, 0.5, 1, Math.PI / 4);
    let samplePeak = 0;
    for (const x of s) samplePeak = Math.max(samplePeak, Math.abs(x));
    expect(samplePeak).toBeCloseTo(0.5 * Math.SQRT1_2, 3);
    expect(truePeakOf([s])).toBeGreaterThan(0.48);
  });
  it('masters a loud, peaky signal to -14 LUFS under the -1 dBTP ceiling', () => {
    const s = sine(220, 0.05, 10);
    for (let i = 0; i < s.length; i += RATE / 2) s[i] = 0.9; // clicks the limiter must catch
    const channels = [s, Float32Array.from(s)];
    const report = masterToLoudness(channels, RATE);
    expect(lufsOf(report.meanSquare)).toBeCloseTo(-14, 1);
    expect(20 * Math.log10(report.truePeak)).toBeLessThanOrEqual(-1.19);
    expect(report.limitedFrames).toBeGreaterThan(0);
  });
  it('takes sliding maxima and minima', () => {
    const x = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);
    expect([...slidingExtreme(x, 3, true)]).toEqual([4, 4, 5, 9, 9, 9, 6, 6]);
    expect([...slidingExtreme(x, 3, false)]).toEqual([1, 1, 1, 1, 2, 2, 2, 6]);
  });
});
