/**
 * MusicRNN as a GenerativeModel: the generation API (lib/generation/compose) over an initialised @magenta/music
 * MusicRNN, whichever build (esm in the worker, node in Node) loaded it. Nothing here changes what compose computes,
 * so replay and provenance digests are those of `compose(instance, …)`.
 */
import { MUSIC_RNN_FAMILY } from './family';
import { compose, regenerateBar } from '../../compose/compose';
import type { GenerativeModel } from '../adapter';

/** The parts of Magenta's MusicRNN this adapter touches (the sampler reads the rest through musicRnnInternals). */
export type MusicRnnLike = { initialize(): Promise<void>; dispose(): void };

export function musicRnnModel(instance: MusicRnnLike): GenerativeModel {
  return {
    family: MUSIC_RNN_FAMILY,
    compose: (request, opts) => compose(instance, request, opts),
    regenerateBar: (p) => regenerateBar({ ...p, model: instance }),
    dispose: () => instance.dispose(),
  };
}
