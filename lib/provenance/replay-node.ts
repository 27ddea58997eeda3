/**
 * Node-only default replay: regenerates a manifest's melody with the shipped checkpoint its `weightsCid` names,
 * through the seeded sampler (lib/generation/sampling `generateMelody`) on tfjs' cpu backend, and returns the
 * notesDigest of the continuation. The checkpoint folder's CID is re-derived before use, so the weights replayed
 * are the weights the manifest names.
 */
import path from 'node:path';
import { checkpointCid } from '../generation/models/checkpoint-files';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../generation/models/node-loader';
import { SHIPPED_MODELS, type ShippedModel } from '../generation/models/registry';
import { notesDigest } from '../generation/notes/digest';
import { generateMelody } from '../generation/sampling/generate';
import { ReplayError } from './errors';
import type { TrackManifest } from './manifest-schema';
import type { ReplayFn } from './verify-track';

/** The sampler id a manifest must record for this replay: sfc32 seeded categorical sampling over float64 logits. */
export const MOTIF_SAMPLER = 'motif.sfc32-categorical/1';

export type NodeReplayOptions = {
  /** Models to look the weights CID up in (default: the registry's shipped models). */
  models?: readonly ShippedModel[];
  /** Folder that `urlPath` is relative to (default `<cwd>/public`). */
  publicDir?: string;
};

export type NodeReplay = ReplayFn & { dispose(): void };

export function createNodeReplay(options: NodeReplayOptions = {}): NodeReplay {
  const models = options.models ?? SHIPPED_MODELS;
  const publicDir = options.publicDir ?? path.join(process.cwd(), 'public');
  const loaded = new Map<string, Promise<MusicRnnInstance>>();

  async function load(model: ShippedModel, weightsCid: string): Promise<MusicRnnInstance> {
    const folder = path.join(publicDir, model.urlPath);
    let pending = loaded.get(folder);
    if (!pending) {
      pending = (async () => {
        const actual = await checkpointCid(folder);
        if (actual !== weightsCid) throw new ReplayError(`the checkpoint in ${folder} has CID ${actual}, not ${weightsCid}`);
        return loadMusicRnnFromFolder(folder);
      })();
      pending.catch(() => loaded.delete(folder));
      loaded.set(folder, pending);
    }
    return pending;
  }

  const replay = async (manifest: TrackManifest): Promise<string> => {
    const g = manifest.generation;
    if (g.sampler !== MOTIF_SAMPLER) throw new ReplayError(`cannot replay sampler ${g.sampler} (this replay knows ${MOTIF_SAMPLER})`);
    const model = models.find((x) => x.weightsCid === manifest.model.weightsCid);
    if (!model) throw new ReplayError(`no shipped model has weights ${manifest.model.weightsCid}`);
    const rnn = await load(model, manifest.model.weightsCid);
    const result = await generateMelody({
      model: rnn,
      seed: g.seed,
      temperature: g.temperature,
      steps: g.steps,
      primer: { notes: g.primer.notes, totalQuantizedSteps: g.primer.totalQuantizedSteps, quantizationInfo: { stepsPerQuarter: g.primer.stepsPerQuarter } },
      chordProgression: g.chordProgression.length > 0 ? g.chordProgression : undefined,
    });
    if (result.backend !== manifest.model.backend) throw new ReplayError(`replayed on tfjs ${result.backend}, the manifest was made on ${manifest.model.backend}`);
    return notesDigest(result.sequence.notes);
  };
  return Object.assign(replay, {
    dispose() {
      for (const p of loaded.values()) p.then((m) => m.dispose()).catch(() => undefined);
      loaded.clear();
    },
  });
}
