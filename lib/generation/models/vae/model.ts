/**
 * MusicVAE as a GenerativeModel: it does not compose a piece or re-sample a bar (a 2-bar latent model has no
 * sequence to continue); it offers `latent` (interpolate, vary, and re-running a recorded `latentBars` edit).
 */
import { MUSIC_VAE_FAMILY } from './family';
import { ModelCapabilityError, type GenerativeModel, type LatentOps } from '../adapter';
import { interpolate, latentBarsNotes, vary } from './latent-ops';
import type { VaeWeights } from './weights';

export function musicVaeModel(weights: VaeWeights): GenerativeModel {
  const latent: LatentOps = {
    interpolate: (a, b, steps, opts) => interpolate(weights, a, b, steps, opts),
    vary: (a, amount, count, opts) => vary(weights, a, amount, count, opts),
    latentBarsNotes: (g, bar) => latentBarsNotes(weights, g, bar),
  };
  return {
    family: MUSIC_VAE_FAMILY,
    compose: () => Promise.reject(new ModelCapabilityError(MUSIC_VAE_FAMILY, 'compose')),
    regenerateBar: () => Promise.reject(new ModelCapabilityError(MUSIC_VAE_FAMILY, 'regenerateBar')),
    latent,
    dispose: () => undefined,
  };
}
