import { getAddress, type Address, type Hex } from 'viem';
import { CID } from 'multiformats/cid';
import type { PrismaClient } from '../db/client';
import type { IpfsStorage } from '../ipfs/storage';
import { MAX_ALLOWLIST_ADDRESSES } from './allowlist-csv';
import { AllowlistTree } from './allowlist-tree';
import { EditionsError } from './errors';

/**
 * Allowlist files on IPFS: the wizard builds the tree in the browser and pins its file here; the file is recorded
 * by its root, so the proof of any phase whose on-chain root it is can be served (the indexed EditionPhase row says
 * which root a phase has). A pinned file is checked hash by hash before it is stored and again when read back.
 */
export type AllowlistStoreDeps = { storage: IpfsStorage; prisma: PrismaClient };

/** Largest allowlist file accepted (a 20,000-address tree is about 6 MiB of JSON). */
export const MAX_ALLOWLIST_FILE_BYTES = 8 * 1024 * 1024;

export class AllowlistNotFoundError extends EditionsError {
  override name = 'AllowlistNotFoundError' as const;
  readonly status = 404;
}

export type PinAllowlistReturnType = { root: Hex; cid: string; addresses: number };

export async function pinAllowlist(deps: AllowlistStoreDeps, file: unknown): Promise<PinAllowlistReturnType> {
  const tree = AllowlistTree.fromJson(file); // refuses anything that does not hash to its root
  if (tree.size > MAX_ALLOWLIST_ADDRESSES)
    throw new EditionsError(`an allowlist holds at most ${MAX_ALLOWLIST_ADDRESSES} entries`);
  const bytes = new TextEncoder().encode(JSON.stringify(tree.toJson()));
  const cid = (await deps.storage.addBytes(bytes)).toString();
  await deps.prisma.editionAllowlist.upsert({
    where: { root: tree.root },
    create: { root: tree.root, cid, addresses: tree.size },
    update: { cid, addresses: tree.size },
  });
  return { root: tree.root, cid, addresses: tree.size };
}

// Parsed trees by CID (content-addressed, so never stale); a few kept for the proof requests of a busy drop.
const trees = new Map<string, AllowlistTree>();

async function loadTree(deps: AllowlistStoreDeps, cid: string): Promise<AllowlistTree> {
  const cached = trees.get(cid);
  if (cached) return cached;
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of deps.storage.cat(CID.parse(cid))) {
    size += chunk.length;
    if (size > MAX_ALLOWLIST_FILE_BYTES) throw new EditionsError(`the allowlist file ${cid} is larger than allowed`);
    parts.push(chunk);
  }
  const tree = AllowlistTree.fromJson(JSON.parse(Buffer.concat(parts).toString('utf8')));
  if (trees.size >= 8) trees.delete(trees.keys().next().value as string);
  trees.set(cid, tree);
  return tree;
}

export type AllowlistProofParameters = { chainId: number; editionId: bigint; phase: number; account: Address };
export type AllowlistProofReturnType = { root: Hex; cid: string; proof: Hex[] };

/** The proof `account` needs to mint in an allowlist phase (NotOnAllowlistError when it is not listed). */
export async function allowlistProof(
  deps: AllowlistStoreDeps,
  params: AllowlistProofParameters,
): Promise<AllowlistProofReturnType> {
  const phase = await deps.prisma.editionPhase.findUnique({
    where: {
      chainId_editionId_phase: { chainId: params.chainId, editionId: params.editionId.toString(), phase: params.phase },
    },
  });
  if (!phase || phase.mode !== 1)
    throw new AllowlistNotFoundError(
      `phase ${params.phase + 1} of this edition is not an allowlist phase (or is not indexed yet)`,
    );
  const pinned = await deps.prisma.editionAllowlist.findUnique({ where: { root: phase.merkleRoot } });
  if (!pinned)
    throw new AllowlistNotFoundError(
      `no pinned allowlist has the root ${phase.merkleRoot} of phase ${params.phase + 1}`,
    );
  const tree = await loadTree(deps, pinned.cid);
  return {
    root: tree.root,
    cid: pinned.cid,
    proof: tree.proof(params.editionId, params.phase, getAddress(params.account)),
  };
}
