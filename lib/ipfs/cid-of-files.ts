import type { CID } from 'multiformats/cid';
import { fileCid, fileLink, folderCid, type FileLinkInfo } from './unixfs-dag';

export type { FileLinkInfo };

export type FileEntry = { path: string; content: Uint8Array };

/**
 * The CID of a UnixFS folder holding `files` (relative paths, "a/b.json"), derived by unixfs-dag.ts from the
 * specifications: the independent implementation each backend's answer is checked against (Helia's add runs
 * ipfs-unixfs-importer; Kubo is Go).
 */
export function cidOfFolder(files: readonly FileEntry[], known?: ReadonlyMap<Uint8Array, FileLinkInfo>): Promise<CID> {
  return folderCid(files, known);
}

/** The CID and cumulative size of one file's bytes, reusable by `cidOfFolder` for the same byte array. */
export function fileLinkOfBytes(content: Uint8Array): Promise<FileLinkInfo> {
  return fileLink(content);
}

/** The CID of one file's bytes, with the same settings. */
export function cidOfBytes(content: Uint8Array): Promise<CID> {
  return fileCid(content);
}
