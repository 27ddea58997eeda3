import type { TuneMemoryMixture } from '../../lib/generation/sampling/tune-memory';

/**
 * A tune memory for tests (sampler version 3): orders 1 and 2 (short contexts recur even under the fixture
 * checkpoint's near-uniform model) and, once a context is remembered, most of the weight on the memory, so a test
 * can see the piece restate itself.
 */
export const TRUSTING_MEMORY: TuneMemoryMixture = {
  orders: [1, 2],
  weights: [
    [1, 0, 0],
    [0.1, 0.9, 0],
    [0.05, 0.15, 0.8],
  ],
};
