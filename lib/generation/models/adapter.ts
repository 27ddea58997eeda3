/**
 * The model adapter: what the studio, the worker and Node need from a generation model family. A new family (e.g. a
 * VAE, ./vae) is one folder beside ./musicrnn with a browser and a Node adapter, plus its name in MODEL_FAMILIES and
 * one entry in each of ./browser-adapters.ts and ./node-adapters.ts (both are `Record<ModelFamily, …>`, so
 * forgetting one fails `tsc`). A family offers what it can: a sequence model (MusicRNN) composes and re-samples
 * bars; a latent model (MusicVAE) has `latent` and rejects compose with ModelCapabilityError. Browser and Node halves are apart because the Node loader imports `node:` modules, which a
 * browser bundle cannot hold.
 */
import type { ComposeOptions, ComposeResult, RegenerateBarParams } from '../compose/compose';
import type { EditOp, LatentGeneration } from '../edit-log/schema';
import type { ArrangementNote } from '../arrangement/types';
import type { QuantizedNote } from '../notes/melody';
import { BaseError } from '../../errors/base';
import { MUSIC_RNN_FAMILY } from './musicrnn/family';
import { MUSIC_VAE_FAMILY } from './vae/family';

/** Every registered family; the registry (./registry.ts) and checkpoint configs name one of these. */
export const MODEL_FAMILIES = [MUSIC_RNN_FAMILY, MUSIC_VAE_FAMILY] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];
/** The families that compose a whole piece, so a track manifest's `model` can name one (a VAE is named by its edits). */
export const COMPOSING_FAMILIES = [MUSIC_RNN_FAMILY] as const satisfies readonly ModelFamily[];
export type ComposingFamily = (typeof COMPOSING_FAMILIES)[number];

export function isComposingFamily(x: ModelFamily): x is ComposingFamily {
  return (COMPOSING_FAMILIES as readonly string[]).includes(x);
}

export function isModelFamily(x: unknown): x is ModelFamily {
  return typeof x === 'string' && (MODEL_FAMILIES as readonly string[]).includes(x);
}

export type RegenerateBarOp = Extract<EditOp, { op: 'regenerateBar' }>;

/** Seeded operations of a latent (VAE) model over 2-bar passages (notes relative to the passage's first step). */
export type LatentOps = {
  interpolate(
    a: readonly QuantizedNote[],
    b: readonly QuantizedNote[],
    steps: number,
    opts: { seed: number; temperature: number },
  ): QuantizedNote[][];
  vary(
    a: readonly QuantizedNote[],
    amount: number,
    count: number,
    opts: { seed: number; temperature: number },
  ): QuantizedNote[][];
  /** The notes a recorded `latentBars` edit at `bar` inserts (re-runs the operation). */
  latentBarsNotes(g: LatentGeneration, bar: number): ArrangementNote[];
};

/** A loaded model, ready to compose. Same request in, same ComposeResult out, whatever loaded it. */
export type GenerativeModel = {
  readonly family: ModelFamily;
  compose(request: unknown, opts?: ComposeOptions): Promise<ComposeResult>;
  regenerateBar(p: Omit<RegenerateBarParams, 'model'>): Promise<RegenerateBarOp>;
  /** Present on latent models only. */
  latent?: LatentOps;
  dispose(): void;
};

/** An operation the loaded model's family does not offer (e.g. compose on a MusicVAE). */
export class ModelCapabilityError extends BaseError {
  override name = 'ModelCapabilityError';
  constructor(
    readonly family: ModelFamily,
    readonly operation: string,
  ) {
    super(`a ${family} model does not offer ${operation}`);
  }
}

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
