/** Node-only: the files of a checkpoint folder that its CID covers, and that CID. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cidOfFolder, type FileEntry } from '../../ipfs/cid-of-files';

/** Files that are not part of the weights' identity. */
export const NON_WEIGHT_FILES = new Set(['MODEL_CARD.md', 'DATA_FILES.sha256', 'SPLITS.json']);

/** config.json, weights_manifest.json and the shards, sorted by name. */
export function checkpointFiles(folder: string): FileEntry[] {
  return readdirSync(folder)
    .filter((f) => !NON_WEIGHT_FILES.has(f) && statSync(join(folder, f)).isFile())
    .sort()
    .map((f) => ({ path: f, content: new Uint8Array(readFileSync(join(folder, f))) }));
}

export async function checkpointCid(folder: string): Promise<string> {
  return (await cidOfFolder(checkpointFiles(folder))).toString();
}
