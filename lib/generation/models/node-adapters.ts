/** Node-only registration of the Node adapters, one per family (see ./adapter.ts). */
import type { ModelFamily, NodeModelAdapter } from './adapter';
import { musicRnnNode } from './musicrnn/node';
import { musicVaeNode } from './vae/node';

export const NODE_ADAPTERS: Readonly<Record<ModelFamily, NodeModelAdapter>> = {
  MusicRNN: musicRnnNode,
  MusicVAE: musicVaeNode,
};
