'use client';
/**
 * Loads the shipped 2-bar MusicVAE once (browser adapter: plain TS maths, no tfjs) for the Blend panel. It imports the
 * VAE's adapter alone: the adapter registry also holds MusicRNN's, whose model imports compose and so tfjs, which
 * must stay out of the page (the compose worker loads it) and whose start-up eval the page's CSP refuses.
 */
import { useCallback, useRef } from 'react';
import type { LatentOps } from '../../../lib/generation/models/adapter';
import { musicVaeBrowser } from '../../../lib/generation/models/vae/browser';
import { SHIPPED_LATENT_MODELS, type ShippedLatentModel } from '../../../lib/generation/models/registry';

export type LoadedLatentModel = { entry: ShippedLatentModel; latent: LatentOps };

export function useLatentModel(): () => Promise<LoadedLatentModel> {
  const pending = useRef<Promise<LoadedLatentModel> | null>(null);
  return useCallback(() => {
    pending.current ??= (async () => {
      const entry = SHIPPED_LATENT_MODELS[0];
      if (!entry) throw new Error('no latent model is shipped');
      if (entry.family !== musicVaeBrowser.family) throw new Error(`${entry.id} is not a ${musicVaeBrowser.family}`);
      const { model } = await musicVaeBrowser.load(`${window.location.origin}${entry.urlPath}`);
      if (!model.latent) throw new Error(`${entry.id} is not a latent model`);
      return { entry, latent: model.latent };
    })();
    pending.current.catch(() => {
      pending.current = null;
    });
    return pending.current;
  }, []);
}
