import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { UNIXFS_SETTINGS } from './unixfs-settings';

/**
 * UnixFS CIDs for Motif's settings (CIDv1, sha2-256, raw leaves, fixed 256 KiB chunks, balanced layout of 174
 * links, plain directories), written from the UnixFS and dag-pb specifications rather than with
 * ipfs-unixfs-importer, which Helia's add runs: a CID a backend reports is checked against a derivation that shares
 * none of its DAG-building code, nor its protobuf encoders. Tests hold it to the importer's answers for every shape.
 * Hand-written on purpose (an independent oracle): replacing it with the importer would check the importer against
 * itself.
 *
 * Sizes follow the importer and Kubo: a raw leaf's link size is its length; a node's is its encoded length plus its
 * links' sizes.
 */

const DAG_PB = 0x70;
const UNIXFS_DIRECTORY = 1;
const UNIXFS_FILE = 2;

type DagNode = {
  cid: CID;
  /** cumulative size, as links record it */ size: number;
  /** file bytes below it */ fileSize: number;
  blockBytes: number;
};
type Link = { name: string; size: number; cid: CID };

/** The root CID of one file's bytes. */
export async function fileCid(content: Uint8Array): Promise<CID> {
  return (await fileNode(content)).cid;
}

/** A file's root as a folder links it: its CID and cumulative size. */
export type FileLinkInfo = { cid: CID; size: number };

/** The root CID and cumulative size of one file's bytes (what `folderCid` links). */
export async function fileLink(content: Uint8Array): Promise<FileLinkInfo> {
  const node = await fileNode(content);
  return { cid: node.cid, size: node.size };
}

/**
 * The root CID of a folder holding `files` at their relative paths ("a/b.json"). `known` holds links already derived
 * from those very byte arrays (fileLink), so a caller that derived each file's CID does not hash the files twice.
 */
export async function folderCid(
  files: readonly { path: string; content: Uint8Array }[],
  known?: ReadonlyMap<Uint8Array, FileLinkInfo>,
): Promise<CID> {
  type Dir = Map<string, Dir | Uint8Array>;
  const root: Dir = new Map();
  for (const file of files) {
    const parts = file.path.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length === 0 || parts.includes('..')) throw new Error(`folderCid: bad path "${file.path}"`);
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const next = dir.get(part) ?? new Map();
      if (next instanceof Uint8Array) throw new Error(`folderCid: "${part}" is both a file and a folder`);
      dir.set(part, next);
      dir = next;
    }
    const name = parts.at(-1)!;
    if (dir.get(name) instanceof Map) throw new Error(`folderCid: "${name}" is both a file and a folder`);
    dir.set(name, file.content);
  }
  const build = async (dir: Dir): Promise<DagNode> => {
    // dag-pb orders links by name bytes.
    const names = [...dir.keys()]
      .map((name) => ({ name, bytes: utf8.encode(name) }))
      .sort((a, b) => compareBytes(a.bytes, b.bytes));
    const links: Link[] = [];
    for (const { name } of names) {
      const entry = dir.get(name)!;
      const node = entry instanceof Uint8Array ? (known?.get(entry) ?? (await fileNode(entry))) : await build(entry);
      links.push({ name, size: node.size, cid: node.cid });
    }
    const node = await dagPbNode(unixfsData(UNIXFS_DIRECTORY, []), links, 0);
    // Past this size the importer (and Kubo) shard a directory as a HAMT, which Motif's few-file folders never need.
    if (node.blockBytes > UNIXFS_SETTINGS.chunkSize)
      throw new Error(`folderCid: a folder of ${links.length} entries would be sharded, which is not supported`);
    return node;
  };
  return (await build(root)).cid;
}

async function fileNode(content: Uint8Array): Promise<DagNode> {
  const chunk = UNIXFS_SETTINGS.chunkSize;
  const leaves: DagNode[] = [];
  // An empty file is one empty leaf.
  for (let at = 0; at < content.byteLength || (at === 0 && leaves.length === 0); at += chunk) {
    const bytes = content.subarray(at, Math.min(at + chunk, content.byteLength));
    leaves.push({
      cid: CID.createV1(raw.code, await sha256.digest(bytes)),
      size: bytes.byteLength,
      fileSize: bytes.byteLength,
      blockBytes: bytes.byteLength,
    });
  }
  // A one-chunk file is its leaf.
  if (leaves.length === 1) return leaves[0]!;
  let level = leaves;
  while (level.length > 1) {
    const parents: DagNode[] = [];
    for (let i = 0; i < level.length; i += UNIXFS_SETTINGS.maxChildrenPerNode) {
      const children = level.slice(i, i + UNIXFS_SETTINGS.maxChildrenPerNode);
      const blockSizes = children.map((c) => c.fileSize);
      parents.push(
        await dagPbNode(
          unixfsData(UNIXFS_FILE, blockSizes),
          children.map((c) => ({ name: '', size: c.size, cid: c.cid })),
          sum(blockSizes),
        ),
      );
    }
    level = parents;
  }
  return level[0]!;
}

async function dagPbNode(data: Uint8Array, links: Link[], fileSize: number): Promise<DagNode> {
  const bytes = encodePbNode(data, links);
  return {
    cid: CID.createV1(DAG_PB, await sha256.digest(bytes)),
    size: bytes.byteLength + sum(links.map((l) => l.size)),
    fileSize,
    blockBytes: bytes.byteLength,
  };
}

/** UnixFS `Data` message: Type = 1, filesize = 3, blocksizes = 4 (repeated, unpacked). */
function unixfsData(type: number, blockSizes: number[]): Uint8Array {
  const out = new ProtoWriter();
  out.varintField(1, type);
  if (type === UNIXFS_FILE) {
    out.varintField(3, sum(blockSizes));
    for (const size of blockSizes) out.varintField(4, size);
  }
  return out.bytes();
}

/** dag-pb `PBNode`, canonical order: every Links (2) entry, then Data (1). PBLink: Hash = 1, Name = 2, Tsize = 3. */
function encodePbNode(data: Uint8Array, links: Link[]): Uint8Array {
  const out = new ProtoWriter();
  for (const link of links) {
    const l = new ProtoWriter();
    l.bytesField(1, link.cid.bytes);
    l.bytesField(2, utf8.encode(link.name));
    l.varintField(3, link.size);
    out.bytesField(2, l.bytes());
  }
  out.bytesField(1, data);
  return out.bytes();
}

class ProtoWriter {
  private readonly parts: number[] = [];
  private readonly chunks: Uint8Array[] = [];

  varintField(field: number, value: number): void {
    this.varint((field << 3) | 0);
    this.varint(value);
  }

  bytesField(field: number, value: Uint8Array): void {
    this.varint((field << 3) | 2);
    this.varint(value.byteLength);
    this.flush();
    this.chunks.push(value);
  }

  bytes(): Uint8Array {
    this.flush();
    const out = new Uint8Array(sum(this.chunks.map((c) => c.byteLength)));
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }

  private varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint out of range: ${value}`);
    let v = value;
    while (v >= 0x80) {
      this.parts.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.parts.push(v);
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.chunks.push(Uint8Array.from(this.parts));
    this.parts.length = 0;
  }
}

const utf8 = new TextEncoder();

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
