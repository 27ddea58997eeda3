/** A small composed piece (arranged from a fixed melody, no model) for the studio's panel and session tests. */
import { arrange } from '../../lib/generation/arrangement/arrange';
import type { Arrangement } from '../../lib/generation/arrangement/types';
import { defaultComposeRequest } from '../../lib/generation/compose/request';
import type { ComposedResult } from '../../lib/studio/session';

export const request = defaultComposeRequest({ seed: 5, bars: 4 });
export const melody = [
  { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 },
  { pitch: 64, quantizedStartStep: 4, quantizedEndStep: 8, velocity: 100 },
];
export const arrangement: Arrangement = arrange({
  melody,
  progression: ['C', 'G', 'Am', 'F'],
  bars: 4,
  tempo: 112,
  key: 'C',
  scale: 'major',
  style: 'pop',
});
export const result: ComposedResult = {
  request,
  melody,
  progression: ['C', 'G', 'Am', 'F'],
  progressionSource: 'request',
  digest: 'sha256:0123456789abcdef',
  backend: 'cpu-js',
  tfjsVersion: '2.8.6',
  ms: 3,
};
