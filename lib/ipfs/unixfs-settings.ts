import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';

/**
 * The UnixFS import settings Motif uses for every CID it reports. Helia's defaults differ from Kubo's, so the
 * settings are explicit, recorded in manifests, and shared by every backend and by the independent re-derivation.
 */
export const UNIXFS_SETTINGS = {
  cidVersion: 1,
  rawLeaves: true,
  chunkSize: 262_144,
  maxChildrenPerNode: 174,
  layout: 'balanced',
  hash: 'sha2-256',
} as const;

export type UnixfsSettings = typeof UNIXFS_SETTINGS;

/** UNIXFS_SETTINGS as ipfs-unixfs-importer options (used by Helia's importer and by the independent derivation). */
export function unixfsImportOptions() {
  return {
    cidVersion: UNIXFS_SETTINGS.cidVersion,
    rawLeaves: UNIXFS_SETTINGS.rawLeaves,
    chunker: fixedSize({ chunkSize: UNIXFS_SETTINGS.chunkSize }),
    layout: balanced({ maxChildrenPerNode: UNIXFS_SETTINGS.maxChildrenPerNode }),
  };
}
