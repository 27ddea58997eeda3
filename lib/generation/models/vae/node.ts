/** Node half of the MusicVAE adapter: reads the checkpoint folder from disk. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MUSIC_VAE_FAMILY } from './family';
import type { NodeModelAdapter } from '../adapter';
import { musicVaeModel } from './model';
import { parseVaeCheckpoint, weightsManifestSchema, type VaeWeights } from './weights';

/** The checkpoint folder's weights (config.json, weights_manifest.json, shards). */
export async function readVaeFolder(folder: string): Promise<VaeWeights> {
  const config: unknown = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8'));
  const manifest = weightsManifestSchema.parse(
    JSON.parse(await readFile(join(folder, 'weights_manifest.json'), 'utf8')),
  );
  const shards = await Promise.all(
    (manifest[0]?.paths ?? []).map(async (p) => new Uint8Array(await readFile(join(folder, p)))),
  );
  return parseVaeCheckpoint(config, manifest, shards);
}

export const musicVaeNode: NodeModelAdapter = {
  family: MUSIC_VAE_FAMILY,
  loadFolder: async (folder) => musicVaeModel(await readVaeFolder(folder)),
};
