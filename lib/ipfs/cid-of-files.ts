import { MemoryBlockstore } from 'blockstore-core/memory';
import { importer, type ImportCandidate } from 'ipfs-unixfs-importer';
import type { CID } from 'multiformats/cid';
import { unixfsImportOptions } from './unixfs-settings';

export type FileEntry = { path: string; content: Uint8Array };

/**
 * Derives the CID of a UnixFS folder holding `files`, in memory, with `ipfs-unixfs-importer` directly: the
 * independent implementation each backend's answer is checked against. Paths are relative ("a/b.json").
 */
export async function cidOfFolder(files: readonly FileEntry[]): Promise<CID> {
  const blockstore = new MemoryBlockstore();
  const candidates: ImportCandidate[] = files.map((f) => ({ path: f.path, content: f.content }));
  let root: CID | undefined;
  for await (const entry of importer(candidates, blockstore, { ...unixfsImportOptions(), wrapWithDirectory: true })) {
    if (entry.path === '') root = entry.cid;
  }
  if (!root) throw new Error('cidOfFolder: the importer produced no root');
  return root;
}

/** Derives the CID of one file's bytes with the same settings. */
export async function cidOfBytes(content: Uint8Array): Promise<CID> {
  const blockstore = new MemoryBlockstore();
  let last: CID | undefined;
  for await (const entry of importer([{ content }], blockstore, unixfsImportOptions())) last = entry.cid;
  if (!last) throw new Error('cidOfBytes: the importer produced no CID');
  return last;
}
