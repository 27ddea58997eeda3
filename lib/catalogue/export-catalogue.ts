import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CarWriter } from '@ipld/car/writer';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import type { IpfsStorage } from '../ipfs/storage';
import { dagBlocks } from '../ipfs/trustless';
import type { SignedSnapshot } from './snapshot';

export type ExportCatalogueParameters = {
  storage: IpfsStorage;
  signed: SignedSnapshot;
  /** Where to write `<name>.car` and `<name>.snapshot.json`. */
  outDir: string;
  name: string;
};

export type ExportCatalogueReturnType = {
  carPath: string;
  snapshotPath: string;
  snapshotCid: string;
  roots: string[];
  blocks: number;
};

/**
 * One CARv1 holding the signed snapshot (a raw JSON block, the first root) and every track folder it lists, whole
 * (each folder a root, its DAG depth-first, each block once and checked against its CID as it is read); the snapshot
 * is also written beside it as JSON. Any IPFS node can import the CAR (`ipfs dag import`) and serve the folders.
 */
export async function exportCatalogue(params: ExportCatalogueParameters): Promise<ExportCatalogueReturnType> {
  await mkdir(params.outDir, { recursive: true });
  const snapshotBytes = new TextEncoder().encode(`${JSON.stringify(params.signed, null, 2)}\n`);
  const snapshotCid = CID.createV1(raw.code, await sha256.digest(snapshotBytes));
  const folders = [...new Set(params.signed.snapshot.tracks.map((t) => t.folderCid))].map((c) => CID.parse(c));
  const roots = [snapshotCid, ...folders];
  const carPath = path.join(params.outDir, `${params.name}.car`);
  const snapshotPath = path.join(params.outDir, `${params.name}.snapshot.json`);
  const { writer, out } = CarWriter.create(roots);
  let blocks = 0;
  const feeding = (async () => {
    try {
      await writer.put({ cid: snapshotCid, bytes: snapshotBytes });
      blocks++;
      const seen = new Set<string>();
      for (const folder of folders) {
        for await (const block of dagBlocks(params.storage, folder, [], 'all')) {
          if (seen.has(block.cid.toString())) continue;
          seen.add(block.cid.toString());
          await writer.put(block);
          blocks++;
        }
      }
    } finally {
      await writer.close();
    }
  })();
  feeding.catch(() => undefined);
  await pipeline(Readable.from(out), createWriteStream(carPath));
  await feeding;
  await writeFile(snapshotPath, snapshotBytes);
  return { carPath, snapshotPath, snapshotCid: snapshotCid.toString(), roots: roots.map(String), blocks };
}
