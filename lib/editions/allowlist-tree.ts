import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { getAddress, isAddress, isHex, type Address, type Hex } from 'viem';
import { z } from 'zod';
import { EditionsError } from './errors';

/**
 * Allowlist merkle trees with the leaf contracts/Editions.sol checks:
 * `keccak256(bytes.concat(keccak256(abi.encode(editionId, phase, account))))`, i.e. OpenZeppelin's
 * StandardMerkleTree over `(uint256 editionId, uint256 phase, address account)`. One tree (one pinned file) may
 * serve several phases or editions: a proof still only works for its own edition and phase.
 */
export const ALLOWLIST_LEAF_ENCODING = ['uint256', 'uint256', 'address'] as const;
/** Format tag of the pinned file; the tree is OpenZeppelin's `standard-v1` dump inside. */
export const ALLOWLIST_FILE_FORMAT = 'motif-allowlist-v1';

type Leaf = [string, string, string];

export type AllowlistPhaseEntries = { editionId: bigint; phase: number; addresses: readonly Address[] };

export class AllowlistTreeError extends EditionsError {
  override name = 'AllowlistTreeError' as const;
}

export class NotOnAllowlistError extends EditionsError {
  override name = 'NotOnAllowlistError' as const;
  constructor(
    readonly account: Address,
    readonly editionId: bigint,
    readonly phase: number,
  ) {
    super(`${account} is not on the allowlist of phase ${phase + 1} of this edition`);
  }
}

const leafOf = (editionId: bigint, phase: number, account: Address): Leaf => [
  editionId.toString(),
  String(phase),
  getAddress(account),
];

export class AllowlistTree {
  private constructor(private readonly tree: StandardMerkleTree<Leaf>) {}

  /** Builds the tree of every (edition, phase, address) entry; an address may appear once per phase. */
  static build(entries: readonly AllowlistPhaseEntries[]): AllowlistTree {
    const leaves: Leaf[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      if (!Number.isInteger(entry.phase) || entry.phase < 0 || entry.phase > 7)
        throw new AllowlistTreeError(`phase ${entry.phase} is not a phase index (0-7)`);
      for (const account of entry.addresses) {
        const leaf = leafOf(entry.editionId, entry.phase, account);
        const key = leaf.join('/');
        if (seen.has(key)) throw new AllowlistTreeError(`${leaf[2]} is listed twice in phase ${entry.phase + 1}`);
        seen.add(key);
        leaves.push(leaf);
      }
    }
    if (leaves.length === 0) throw new AllowlistTreeError('an allowlist needs at least one address');
    return new AllowlistTree(StandardMerkleTree.of(leaves, [...ALLOWLIST_LEAF_ENCODING]));
  }

  /** Loads a pinned allowlist file, checking every hash (a tampered file is refused, not served). */
  static fromJson(json: unknown): AllowlistTree {
    const parsed = allowlistFileSchema.safeParse(json);
    if (!parsed.success) throw new AllowlistTreeError('not a Motif allowlist file', { details: parsed.error.message });
    let tree: StandardMerkleTree<Leaf>;
    try {
      tree = StandardMerkleTree.load<Leaf>(parsed.data.tree);
      tree.validate();
    } catch (cause) {
      throw new AllowlistTreeError('the allowlist file does not hash to a valid tree', {
        cause,
        details: cause instanceof Error ? cause.message : String(cause),
      });
    }
    if (tree.root !== parsed.data.root)
      throw new AllowlistTreeError(
        `the allowlist file's tree has root ${tree.root}, not the ${parsed.data.root} it names`,
      );
    return new AllowlistTree(tree);
  }

  get root(): Hex {
    return this.tree.root as Hex;
  }

  get size(): number {
    return this.tree.length;
  }

  has(editionId: bigint, phase: number, account: Address): boolean {
    try {
      this.tree.leafLookup(leafOf(editionId, phase, account));
      return true;
    } catch {
      return false;
    }
  }

  /** The proof `mintAllowlisted` takes for `account` (the paying wallet) in `phase` of `editionId`. */
  proof(editionId: bigint, phase: number, account: Address): Hex[] {
    if (!this.has(editionId, phase, account)) throw new NotOnAllowlistError(getAddress(account), editionId, phase);
    return this.tree.getProof(leafOf(editionId, phase, account)) as Hex[];
  }

  /** The file to pin (JSON): the format tag, the root and OpenZeppelin's dump. */
  toJson(): AllowlistFile {
    return { format: ALLOWLIST_FILE_FORMAT, root: this.root, tree: this.tree.dump() as AllowlistFile['tree'] };
  }
}

/** Verifies a proof without the tree (the contract's check, off-chain). */
export function verifyAllowlistProof(
  root: Hex,
  editionId: bigint,
  phase: number,
  account: Address,
  proof: readonly Hex[],
): boolean {
  return StandardMerkleTree.verify(root, [...ALLOWLIST_LEAF_ENCODING], leafOf(editionId, phase, account), [...proof]);
}

const hex32 = z.string().refine((s) => isHex(s) && s.length === 66, 'expected a 32-byte hex value');
const allowlistFileSchema = z.object({
  format: z.literal(ALLOWLIST_FILE_FORMAT),
  root: hex32,
  tree: z.object({
    format: z.literal('standard-v1'),
    leafEncoding: z.tuple([z.literal('uint256'), z.literal('uint256'), z.literal('address')]),
    tree: z.array(hex32).min(1),
    values: z.array(
      z.object({
        value: z.tuple([
          z.string().regex(/^\d{1,78}$/),
          z.string().regex(/^[0-7]$/),
          z.string().refine((s) => isAddress(s), 'expected an address'),
        ]),
        treeIndex: z.number().int().nonnegative(),
      }),
    ),
  }),
});
export type AllowlistFile = z.infer<typeof allowlistFileSchema>;
