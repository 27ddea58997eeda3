import 'server-only';
import { getAddress, type Address, type Hex, type PublicClient } from 'viem';
import { z } from 'zod';
import { editionsAbi } from '../contracts/abi';
import type { PrismaClient } from '../db/client';
import { ApprovalError } from './approval-error';
import { creatorOfEdition } from './edition-id';
import { editionsDomain, mintApprovalTypes, type MintApproval } from './mint-approval';
import { MODE_IDS } from './schedule';

const uint = z
  .string()
  .regex(/^\d{1,78}$/, 'must be a decimal whole number')
  .transform((s) => BigInt(s));
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be an address')
  .transform((a) => getAddress(a));

/** The JSON body a creator (or their mint signer) posts: the approval, its signature, and where it was signed for. */
const approvalBodySchema = z.object({
  chainId: z.number().int().positive(),
  editions: address,
  approval: z.object({
    editionId: uint,
    phase: z.number().int().min(0).max(7),
    minter: address,
    quantity: z.number().int().min(1).max(16_777_215),
    nonce: uint,
    deadline: uint,
  }),
  signature: z.string().regex(/^0x([0-9a-fA-F]{2}){65,190}$/, 'must be a hex signature'),
});

/** An approval as the collector mints with it (numbers as decimal strings, JSON-safe). */
export type StoredApproval = {
  editionId: string;
  phase: number;
  minter: Address;
  quantity: number;
  nonce: string;
  deadline: string;
  signature: Hex;
};

/** The platform this store serves: its chain, its Editions contract, the database and a chain reader. */
export type ApprovalStoreDeps = {
  prisma: Pick<PrismaClient, 'editionApproval'>;
  /** Reads the creator's signer and the phase, checks EIP-712 signatures (ERC-1271 wallets too). */
  chain: Pick<PublicClient, 'verifyTypedData' | 'readContract'>;
  chainId: number;
  editions: Address;
};

const lines = (error: z.ZodError) =>
  error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));

const toStored = (a: MintApproval, signature: Hex): StoredApproval => ({
  editionId: a.editionId.toString(),
  phase: Number(a.phase),
  minter: a.minter,
  quantity: Number(a.quantity),
  nonce: a.nonce.toString(),
  deadline: a.deadline.toString(),
  signature,
});

/**
 * Stores a mint approval for edition `editionId` (the route's) after checking, as `Editions.mintApproved` will, that
 * it is for this chain and contract, for this edition, for one of its signature-gated phases, not expired, and signed
 * by the creator's current mint signer (`signerOf(creator)`: the creator unless they set another). Throws
 * ApprovalError (400 malformed, 422 refused) with the reason. Storing the same nonce again replaces it.
 */
export async function storeMintApproval(
  deps: ApprovalStoreDeps,
  params: { editionId: bigint; body: unknown; nowSeconds?: number },
): Promise<StoredApproval> {
  const parsed = approvalBodySchema.safeParse(params.body);
  if (!parsed.success) throw new ApprovalError('malformed', 400, 'Not a signed mint approval', lines(parsed.error));
  const { chainId, editions, signature } = parsed.data;
  const approval: MintApproval = {
    ...parsed.data.approval,
    phase: BigInt(parsed.data.approval.phase),
    quantity: BigInt(parsed.data.approval.quantity),
  };
  if (chainId !== deps.chainId)
    throw new ApprovalError(
      'wrong-chain',
      422,
      `This approval is for chain ${chainId}; this platform runs on ${deps.chainId}`,
    );
  if (editions.toLowerCase() !== deps.editions.toLowerCase())
    throw new ApprovalError('wrong-contract', 422, `This approval is for another Editions contract (${editions})`);
  if (approval.editionId !== params.editionId)
    throw new ApprovalError('wrong-edition', 422, 'This approval is for another edition');
  const now = BigInt(params.nowSeconds ?? Math.floor(Date.now() / 1000));
  if (approval.deadline < now) throw new ApprovalError('expired', 422, 'This approval has expired');
  const [phase] = await deps.chain.readContract({
    address: deps.editions,
    abi: editionsAbi,
    functionName: 'phaseOf',
    args: [approval.editionId, approval.phase],
  });
  if (phase.end === 0 || (phase.mode & 0x7f) !== MODE_IDS.signature)
    throw new ApprovalError(
      'not-signature-phase',
      422,
      `Phase ${approval.phase + 1n} of this edition is not signature-gated`,
    );
  const creator = creatorOfEdition(approval.editionId);
  const signer = await deps.chain.readContract({
    address: deps.editions,
    abi: editionsAbi,
    functionName: 'signerOf',
    args: [creator],
  });
  const valid = await deps.chain
    .verifyTypedData({
      address: signer,
      domain: editionsDomain(chainId, deps.editions),
      types: mintApprovalTypes,
      primaryType: 'MintApproval',
      message: approval,
      signature: signature as Hex,
    })
    .catch(() => false);
  if (!valid)
    throw new ApprovalError(
      'bad-signature',
      422,
      `The signature is not by ${signer} (the edition creator's mint signer) over this approval, chain and contract`,
    );
  const row = {
    phase: Number(approval.phase),
    minter: approval.minter,
    quantity: Number(approval.quantity),
    deadline: approval.deadline,
    signer: getAddress(signer),
    signature,
  };
  const key = {
    chainId,
    editions: getAddress(deps.editions),
    editionId: approval.editionId.toString(),
    nonce: approval.nonce.toString(),
  };
  await deps.prisma.editionApproval.upsert({
    where: { chainId_editions_editionId_nonce: key },
    create: { ...key, ...row },
    update: row,
  });
  return toStored(approval, signature as Hex);
}

/**
 * The approval `account` mints with in `phase` of `editionId`: the newest stored one that has not expired and whose
 * nonce the chain has not used or cancelled, by the creator's current signer. Throws ApprovalError 'not-approved'
 * (404) when there is none.
 */
export async function findMintApproval(
  deps: ApprovalStoreDeps,
  params: { editionId: bigint; phase: number; account: Address; nowSeconds?: number },
): Promise<StoredApproval> {
  const now = BigInt(params.nowSeconds ?? Math.floor(Date.now() / 1000));
  const rows = await deps.prisma.editionApproval.findMany({
    where: {
      chainId: deps.chainId,
      editions: getAddress(deps.editions),
      editionId: params.editionId.toString(),
      phase: params.phase,
      minter: getAddress(params.account),
      deadline: { gte: now },
    },
    orderBy: { createdAt: 'desc' },
    take: 20,
  });
  if (rows.length > 0) {
    const signer = await deps.chain.readContract({
      address: deps.editions,
      abi: editionsAbi,
      functionName: 'signerOf',
      args: [creatorOfEdition(params.editionId)],
    });
    for (const r of rows) {
      if (r.signer.toLowerCase() !== signer.toLowerCase()) continue;
      const nonce = BigInt(r.nonce.toFixed());
      const used = await deps.chain.readContract({
        address: deps.editions,
        abi: editionsAbi,
        functionName: 'approvalNonceUsed',
        args: [params.editionId, nonce],
      });
      if (used) continue;
      return toStored(
        {
          editionId: params.editionId,
          phase: BigInt(r.phase),
          minter: getAddress(r.minter),
          quantity: BigInt(r.quantity),
          nonce,
          deadline: r.deadline,
        },
        r.signature as Hex,
      );
    }
  }
  throw new ApprovalError(
    'not-approved',
    404,
    'The creator has not approved this account for this phase (or its approval was used or expired)',
  );
}
