/** Registration of the browser adapters, one per family (see ./adapter.ts). */
import type { BrowserModelAdapter, ModelFamily } from './adapter';
import { musicRnnBrowser } from './musicrnn/browser';
import { musicVaeBrowser } from './vae/browser';

export const BROWSER_ADAPTERS: Readonly<Record<ModelFamily, BrowserModelAdapter>> = {
  MusicRNN: musicRnnBrowser,
  MusicVAE: musicVaeBrowser,
};
