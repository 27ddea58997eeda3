import type { CID } from 'multiformats/cid';
import { fileCid, folderCid } from './unixfs-dag';

export type FileEntry = { path: string; content: Uint8Array };

/**
 * The CID of a UnixFS folder holding `files` (relative paths, "a/b.json"), derived by unixfs-dag.ts from the
 * specifications: the independent implementation each backend's answer is checked against (Helia's add runs
 * ipfs-unixfs-importer; Kubo is Go).
 */
export function cidOfFolder(files: readonly FileEntry[]): Promise<CID> {
  return folderCid(files);
}

/** The CID of one file's bytes, with the same settings. */
export function cidOfBytes(content: Uint8Array): Promise<CID> {
  return fileCid(content);
}
