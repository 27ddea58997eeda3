import { describe, expect, it } from 'vitest';
import { onsetWeights } from './sample-events';

describe('onsetWeights', () => {
  it('weighs every note-on event and leaves no event (0) and note-off (1) at 1', () => {
    expect(Array.from(onsetWeights(5, 1.3))).toEqual([1, 1, 1.3, 1.3, 1.3]);
    expect(Array.from(onsetWeights(1, 2))).toEqual([1]);
  });

  it('refuses a weight that is not a positive finite number', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => onsetWeights(4, bad)).toThrow(RangeError);
  });
});
