'use client';
/** Loads the shipped 2-bar MusicVAE once (browser adapter: plain TS maths, no tfjs) for the Blend panel. */
import { useCallback, useRef } from 'react';
import type { LatentOps } from '../../../lib/generation/models/adapter';
import { BROWSER_ADAPTERS } from '../../../lib/generation/models/browser-adapters';
import { SHIPPED_LATENT_MODELS, type ShippedLatentModel } from '../../../lib/generation/models/registry';

export type LoadedLatentModel = { entry: ShippedLatentModel; latent: LatentOps };

export function useLatentModel(): () => Promise<LoadedLatentModel> {
  const pending = useRef<Promise<LoadedLatentModel> | null>(null);
  return useCallback(() => {
    pending.current ??= (async () => {
      const entry = SHIPPED_LATENT_MODELS[0];
      if (!entry) throw new Error('no latent model is shipped');
      const { model } = await BROWSER_ADAPTERS[entry.family].load(`${window.location.origin}${entry.urlPath}`);
      if (!model.latent) throw new Error(`${entry.id} is not a latent model`);
      return { entry, latent: model.latent };
    })();
    pending.current.catch(() => {
      pending.current = null;
    });
    return pending.current;
  }, []);
}
