/** Node-only: puts the shipped checkpoints on the IPFS node under their registry CIDs, so `/ipfs/<weightsCid>/...` serves them. */
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import type { IpfsStorage } from '../../ipfs/storage';
import { checkpointFiles } from './checkpoint-files';
import { SHIPPED_LATENT_MODELS, SHIPPED_MODELS, type ShippedModel } from './registry';
import { BaseError } from '../../errors/base';

/** A shipped checkpoint folder that is not the one the registry names (edited, retrained without re-registering). */
export class ShippedWeightsMismatchError extends BaseError {
  override name = 'ShippedWeightsMismatchError';
  constructor(
    readonly modelId: string,
    readonly reason: string,
  ) {
    super(
      `The shipped weights of ${modelId} do not match the registry (${reason}); run \`npx tsx scripts/models/register.ts\` after training, or restore public/models/${modelId}/`,
    );
  }
}

/** What pinning reads of a shipped model (sequence or latent). */
export type PinnableModel = Pick<ShippedModel, 'id' | 'urlPath' | 'weightsCid' | 'files'>;

export type PinnedWeights = { id: string; cid: string; files: number; alreadyPinned: boolean };

/**
 * Pins each shipped model's checkpoint folder (the sequence models and the latent ones) (exactly the registry's `files`: config.json, weights_manifest.json
 * and the shards; the model card and DATA_FILES.sha256 stay outside the CID) and checks the node reports the
 * registry's `weightsCid`. A CID already pinned is left as it is, so a restart costs one lookup per model.
 */
export async function pinShippedWeights(
  storage: IpfsStorage,
  options: { publicDir: string; models?: readonly PinnableModel[]; signal?: AbortSignal },
): Promise<PinnedWeights[]> {
  const pinned: PinnedWeights[] = [];
  for (const model of options.models ?? [...SHIPPED_MODELS, ...SHIPPED_LATENT_MODELS]) {
    const cid = CID.parse(model.weightsCid);
    if (await storage.isPinned(cid)) {
      pinned.push({ id: model.id, cid: model.weightsCid, files: model.files.length, alreadyPinned: true });
      continue;
    }
    const files = checkpointFiles(join(options.publicDir, model.urlPath));
    const found = files.map((f) => `${f.path}:${f.content.byteLength}`).join(', ');
    const expected = model.files.map((f) => `${f.path}:${f.bytes}`).join(', ');
    if (found !== expected)
      throw new ShippedWeightsMismatchError(model.id, `files ${found || 'none'}, registry lists ${expected}`);
    const folder = await storage.addFolder(files, { signal: options.signal });
    if (!folder.cid.equals(cid))
      throw new ShippedWeightsMismatchError(
        model.id,
        `the node derived ${folder.cid.toString()}, the registry names ${model.weightsCid}`,
      );
    pinned.push({ id: model.id, cid: model.weightsCid, files: files.length, alreadyPinned: false });
  }
  return pinned;
}
