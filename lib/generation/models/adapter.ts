/**
 * The model adapter: what the studio, the worker and Node need from a generation model family. A new family (e.g. a
 * VAE) is one folder beside ./musicrnn with a browser and a Node adapter, plus its name in MODEL_FAMILIES and one
 * entry in each of ./browser-adapters.ts and ./node-adapters.ts (both are `Record<ModelFamily, …>`, so forgetting
 * one fails `tsc`). Browser and Node halves are apart because the Node loader imports `node:` modules, which a
 * browser bundle cannot hold.
 */
import type { ComposeOptions, ComposeResult, RegenerateBarParams } from '../compose/compose';
import type { EditOp } from '../edit-log/schema';
import { BaseError } from '../../errors/base';
import { MUSIC_RNN_FAMILY } from './musicrnn/family';

/** Every registered family; the registry (./registry.ts) and checkpoint configs name one of these. */
export const MODEL_FAMILIES = [MUSIC_RNN_FAMILY] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

export function isModelFamily(x: unknown): x is ModelFamily {
  return typeof x === 'string' && (MODEL_FAMILIES as readonly string[]).includes(x);
}

export type RegenerateBarOp = Extract<EditOp, { op: 'regenerateBar' }>;

/** A loaded model, ready to compose. Same request in, same ComposeResult out, whatever loaded it. */
export type GenerativeModel = {
  readonly family: ModelFamily;
  compose(request: unknown, opts?: ComposeOptions): Promise<ComposeResult>;
  regenerateBar(p: Omit<RegenerateBarParams, 'model'>): Promise<RegenerateBarOp>;
  dispose(): void;
};

/** Loads a checkpoint folder served over HTTP (`url`, absolute, no trailing slash) in a browser or worker. */
export type BrowserModelAdapter = {
  readonly family: ModelFamily;
  load(url: string): Promise<{ model: GenerativeModel; backend: string }>;
};

/** Loads a checkpoint folder on disk in Node. */
export type NodeModelAdapter = {
  readonly family: ModelFamily;
  loadFolder(folder: string): Promise<GenerativeModel>;
};

export class UnknownModelFamilyError extends BaseError {
  override name = 'UnknownModelFamilyError';
  constructor(readonly found: unknown) {
    super(
      `this checkpoint's config.json names model type ${JSON.stringify(found)}; known families: ${MODEL_FAMILIES.join(', ')}`,
    );
  }
}

/** The family a checkpoint's config.json declares (`type`, as Magenta writes it). */
export function familyOfConfig(config: unknown): ModelFamily {
  const type = typeof config === 'object' && config !== null && 'type' in config ? config.type : undefined;
  if (!isModelFamily(type)) throw new UnknownModelFamilyError(type);
  return type;
}
