import { describe, expect, it } from 'vitest';
import {
  METER_CLASSES,
  METER_ENCODING_DEPTH,
  meterClassOf,
  stepsPerBarOfSignature,
  studioMeterSteps,
  writeMeterEncoding,
} from './meter-encoding';

describe('meter encoding (MotifMeterEncoder)', () => {
  it('classes written time signatures: 2/2 is 4/4, what the studio lacks is other', () => {
    expect(meterClassOf(4, 4)).toBe(0);
    expect(meterClassOf(2, 2)).toBe(0);
    expect(meterClassOf(3, 4)).toBe(1);
    expect(meterClassOf(6, 8)).toBe(2);
    for (const [n, d] of [
      [2, 4],
      [9, 8],
      [3, 2],
      [5, 4],
    ] as const)
      expect(METER_CLASSES[meterClassOf(n, d)]).toBe('other');
    expect(stepsPerBarOfSignature(6, 8)).toBe(12);
    expect(stepsPerBarOfSignature(9, 8)).toBe(18);
    expect(stepsPerBarOfSignature(3, 2)).toBe(24);
  });

  it('counts studio bars from step 0 in each meter', () => {
    expect(studioMeterSteps(undefined, 18).map((s) => s.position)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1,
    ]);
    const waltz = studioMeterSteps('3/4', 14);
    expect(waltz.every((s) => s.meterClass === 1)).toBe(true);
    expect(waltz.map((s) => s.position).slice(10)).toEqual([10, 11, 0, 1]);
    expect(studioMeterSteps('6/8', 13).at(-1)).toEqual({ meterClass: 2, position: 0 });
  });

  it('writes one class and one position, and zeros for an unknown or too long bar', () => {
    const out = new Float32Array(2 + METER_ENCODING_DEPTH).fill(7);
    writeMeterEncoding({ meterClass: 2, position: 5 }, out, 2);
    expect(out[0]).toBe(7);
    expect(Array.from(out.subarray(2)).flatMap((v, i) => (v === 1 ? [i] : []))).toEqual([2, 4 + 5]);
    expect(out.subarray(2).reduce((a, b) => a + b, 0)).toBe(2);
    for (const step of [
      null,
      { meterClass: 0, position: 24 },
      { meterClass: 0, position: -1 },
      { meterClass: 4, position: 0 },
    ]) {
      writeMeterEncoding(step, out, 2);
      expect(out.subarray(2).every((v) => v === 0)).toBe(true);
    }
  });
});
