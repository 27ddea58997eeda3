/**
 * Node-only default replay: re-runs the studio's own `compose` (lib/generation/compose) on the manifest's
 * ComposeRequest with the shipped checkpoint its `weightsCid` names (tfjs cpu backend; the plain-JS engine when the
 * manifest records `cpu-js`, tfjs ops when it records `cpu`) and returns ComposeResult.digest, which the verifier
 * compares with `notes.generatedDigest`. It also checks the rest of the manifest's notes: the chords per bar, and the
 * edit log applied to the replayed arrangement with `applyEdits` must give `notes.finalDigest` and `finalCount`
 * (a mismatch is a ReplayError), and each `latentBars` edit is re-run with the MusicVAE it names
 * (lib/generation/models/vae/check-latent-edits.ts). The checkpoint folder's CID is re-derived before use, so the weights replayed are
 * the weights the manifest names. It dispatches on the sampler and arrangement procedures the manifest names
 * (procedures.ts) and refuses, with UnknownProcedureError, any it does not implement.
 */
import path from 'node:path';
import { checkpointCid } from '../generation/models/checkpoint-files';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../generation/models/node-loader';
import {
  SHIPPED_LATENT_MODELS,
  SHIPPED_MODELS,
  type ShippedLatentModel,
  type ShippedModel,
} from '../generation/models/registry';
import { checkLatentEdits } from '../generation/models/vae/check-latent-edits';
import { musicVaeModel } from '../generation/models/vae/model';
import { readVaeFolder } from '../generation/models/vae/node';
import type { LatentOps } from '../generation/models/adapter';
import { compose, type ComposeResult } from '../generation/compose/compose';
import { applyEdits } from '../generation/edit-log/apply';
import { ReplayError } from './errors';
import { rerenderAudio } from './rerender-audio';
import {
  KNOWN_PROCEDURES,
  MOTIF_SAMPLER,
  replayableProcedures,
  type KnownProcedures,
  type ManifestWithProcedures,
} from './procedures';
import { composeRequestOfManifest, manifestNotes } from './studio-session';
import type { AnyTrackManifest } from './manifest-schema';
import type { ReplayFn } from './verify-track';

/** The procedures this replay implements: sfc32 seeded categorical sampling over float64 logits (its id re-exported
 * for callers); motif.arrange/1 (./procedures). */
export { MOTIF_SAMPLER };

/**
 * The procedures `compose` (lib/generation/compose) implements, and so what this replay can run. A manifest naming
 * another procedure, or another version of one of these, is refused by name before any weights are loaded.
 */
export const NODE_REPLAY_PROCEDURES: KnownProcedures = KNOWN_PROCEDURES;

export type NodeReplayOptions = {
  /** Models to look the weights CID up in (default: the registry's shipped models). */
  models?: readonly ShippedModel[];
  /** Latent models (MusicVAE) to look `latentBars` edits' weights up in (default: the registry's). */
  latentModels?: readonly ShippedLatentModel[];
  /** Folder that `urlPath` is relative to (default `<cwd>/public`). */
  publicDir?: string;
};

/** The replay, plus `compose(manifest)`: the studio's ComposeResult for the manifest's request (to build honest manifests in Node). */
export type NodeReplay = ReplayFn & { compose(manifest: ReplayableManifest): Promise<ComposeResult>; dispose(): void };
/** What `compose` reads of a manifest of any version. */
export type ReplayableManifest = ManifestWithProcedures & Pick<AnyTrackManifest, 'model'>;

export function createNodeReplay(options: NodeReplayOptions = {}): NodeReplay {
  const models = options.models ?? SHIPPED_MODELS;
  const publicDir = options.publicDir ?? path.join(process.cwd(), 'public');
  const loaded = new Map<string, Promise<MusicRnnInstance>>();
  const latentModels = options.latentModels ?? SHIPPED_LATENT_MODELS;
  const loadedLatent = new Map<string, Promise<LatentOps>>();

  /** The MusicVAE a `latentBars` edit names, its folder's CID re-derived first (as for the composing model). */
  function loadLatent(modelId: string, weightsCid: string): Promise<LatentOps> {
    const model = latentModels.find((m) => m.id === modelId && m.weightsCid === weightsCid);
    if (!model) return Promise.reject(new ReplayError(`no shipped latent model ${modelId} has weights ${weightsCid}`));
    let pending = loadedLatent.get(weightsCid);
    if (!pending) {
      const folder = path.join(/* turbopackIgnore: true */ publicDir, model.urlPath);
      pending = (async () => {
        const actual = await checkpointCid(folder);
        if (actual !== weightsCid)
          throw new ReplayError(`the checkpoint in ${folder} has CID ${actual}, not ${weightsCid}`);
        const latent = musicVaeModel(await readVaeFolder(folder)).latent;
        if (!latent) throw new ReplayError(`${modelId} is not a latent model`);
        return latent;
      })();
      pending.catch(() => loadedLatent.delete(weightsCid));
      loadedLatent.set(weightsCid, pending);
    }
    return pending;
  }

  async function load(model: ShippedModel, weightsCid: string): Promise<MusicRnnInstance> {
    const folder = path.join(/* turbopackIgnore: true */ publicDir, model.urlPath);
    let pending = loaded.get(folder);
    if (!pending) {
      pending = (async () => {
        const actual = await checkpointCid(folder);
        if (actual !== weightsCid)
          throw new ReplayError(`the checkpoint in ${folder} has CID ${actual}, not ${weightsCid}`);
        return loadMusicRnnFromFolder(folder);
      })();
      pending.catch(() => loaded.delete(folder));
      loaded.set(folder, pending);
    }
    return pending;
  }

  const composeManifest = async (manifest: ReplayableManifest): Promise<ComposeResult> => {
    // Dispatch: today one sampler and one arrangement procedure exist, both run by `compose`; a new one gets its
    // own branch here and never changes what the existing ids mean.
    replayableProcedures(manifest, NODE_REPLAY_PROCEDURES);
    const model = models.find((x) => x.weightsCid === manifest.model.weightsCid);
    if (!model) throw new ReplayError(`no shipped model has weights ${manifest.model.weightsCid}`);
    const rnn = await load(model, manifest.model.weightsCid);
    const engine = manifest.model.backend === 'cpu-js' ? 'js' : 'tfjs';
    try {
      return await compose(rnn, composeRequestOfManifest(manifest), { engine });
    } catch (error) {
      throw new ReplayError(`compose failed: ${(error as Error).message}`);
    }
  };

  const replay = async (manifest: AnyTrackManifest): Promise<string> => {
    const result = await composeManifest(manifest);
    if (result.backend !== manifest.model.backend)
      throw new ReplayError(`replayed on ${result.backend}, the manifest was made on ${manifest.model.backend}`);
    if (result.digest !== manifest.notes.generatedDigest) return result.digest;
    if (JSON.stringify(result.progression) !== JSON.stringify(manifest.generation.chordsPerBar)) {
      throw new ReplayError(
        `the replay used chords ${result.progression.join(' ')}, the manifest records ${manifest.generation.chordsPerBar.join(' ')}`,
      );
    }
    // every MusicVAE edit is re-run with the model, weights, seed and inputs it records
    try {
      await checkLatentEdits(manifest.edits.log.ops, loadLatent);
    } catch (error) {
      if (error instanceof ReplayError) throw error;
      throw new ReplayError(`a latentBars edit does not re-run: ${(error as Error).message}`);
    }
    let notes;
    try {
      notes = await manifestNotes(result.arrangement, manifest.edits.log.ops);
    } catch (error) {
      throw new ReplayError(`the edit log does not apply to the replayed arrangement: ${(error as Error).message}`);
    }
    if (notes.finalDigest !== manifest.notes.finalDigest)
      throw new ReplayError(
        `the edit log applied to the replay gives final melody ${notes.finalDigest}, the manifest records ${manifest.notes.finalDigest}`,
      );
    if (notes.finalCount !== manifest.notes.finalCount)
      throw new ReplayError(
        `the edit log applied to the replay gives ${notes.finalCount} notes, the manifest records ${manifest.notes.finalCount}`,
      );
    // a SoundFont render is re-rendered from the final arrangement and compared by its PCM digest
    const soundfont = manifest.version === 2 ? manifest.render.soundfont : undefined;
    if (manifest.version === 2 && soundfont) {
      const final = applyEdits(result.arrangement, manifest.edits.log.ops);
      const pcm = await rerenderAudio(final, soundfont, manifest.render.sampleRate);
      if (pcm !== soundfont.pcmSha256)
        throw new ReplayError(
          `re-rendering the audio gives PCM sha256 ${pcm}, the manifest records ${soundfont.pcmSha256}`,
        );
    }
    return result.digest;
  };
  return Object.assign(replay, {
    compose: composeManifest,
    dispose() {
      for (const p of loaded.values()) p.then((m) => m.dispose()).catch(() => undefined);
      loaded.clear();
    },
  });
}
