import 'server-only';
import { getAddress, keccak256, stringToBytes, toBytes, type Address, type PublicClient } from 'viem';
import { z } from 'zod';
import { trackIdOf } from '../contracts/track-id';
import { trackCollectionAbi } from '../contracts/abi';
import { isCurrencyVoucher, voucherTypedData } from '../contracts/voucher';
import type { PrismaClient } from '../db/client';
import { parseIndexedMetadata, type IndexedMetadata } from '../indexer/track-metadata';
import { readAll, type IpfsStorage } from '../ipfs/storage';
import { voucherJson } from '../mint/sign-voucher';
import { cidOfContentDigest } from '../provenance/digest';
import { VoucherError } from './errors';
import { signedVoucherSchema, type SignedVoucher } from './signed-voucher';
import { voucherAuthorship } from './voucher-authorship';

/** The JSON body a creator posts: the signed voucher and the chain and collection it was signed for. */
const targetSchema = z.object({
  chainId: z.number().int().positive(),
  collection: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'must be an address')
    .transform((a) => getAddress(a)),
});

/** The stored JSON's limit (the column's): an EOA's voucher is about 700 characters. */
const MAX_SIGNED_CHARS = 2000;

/** The `{ voucher, signature }` form of a signed voucher (one union branch: its issues name each field). */
const [signedSchema] = signedVoucherSchema.options;

const lines = (error: z.ZodError) =>
  error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));

/**
 * The short id of a voucher: derived from what makes it unique on chain (its creator's nonce on one collection of one
 * chain), so storing it again gives the same link. 64 bits, base64url (11 characters).
 */
export function voucherShortId(chainId: number, collection: Address, creator: Address, nonce: bigint): string {
  const digest = keccak256(stringToBytes(`${chainId}:${collection.toLowerCase()}:${creator.toLowerCase()}:${nonce}`));
  return Buffer.from(toBytes(digest).slice(0, 8)).toString('base64url');
}

export type StoreVoucherParameters = {
  prisma: Pick<PrismaClient, 'storedVoucher'>;
  /**
   * Checks the EIP-712 signature (ERC-1271 wallets too, as the contract's SignatureChecker does) and, for a voucher
   * priced in an ERC-20, that the collection allows that currency.
   */
  chain: Pick<PublicClient, 'verifyTypedData' | 'readContract'>;
  /** Where the voucher's folder is pinned: its metadata.json gives the title the gallery shows. */
  storage: Pick<IpfsStorage, 'cat'>;
  /** This platform's chain and TrackCollection: the only ones it stores vouchers for. */
  chainId: number;
  collection: Address;
  body: unknown;
  nowSeconds?: number;
};

export type StoreVoucherReturnType = { shortId: string; tokenId: string };

/** The folder's metadata (title, genre, ...), or null when it cannot be read here. */
async function folderMetadata(storage: Pick<IpfsStorage, 'cat'>, v: SignedVoucher): Promise<IndexedMetadata | null> {
  try {
    const cid = cidOfContentDigest(v.voucher.content);
    const signal = AbortSignal.timeout(10_000);
    return parseIndexedMetadata(await readAll(storage.cat(cid, { path: 'metadata.json', signal })));
  } catch {
    return null;
  }
}

/**
 * Stores a creator-signed voucher for its short link, after checking that it is for this chain and collection, that
 * its EIP-712 signature is the creator's it names, that it has not expired, and that the creator is the signed author
 * of the folder it sells (voucher-authorship.ts). Throws VoucherError (400 malformed,
 * 422 otherwise) with the reason.
 */
export async function storeVoucher(p: StoreVoucherParameters): Promise<StoreVoucherReturnType> {
  const target = targetSchema.safeParse(p.body);
  const signed = signedSchema.safeParse(p.body);
  if (!target.success || !signed.success) {
    const issues = [...(target.success ? [] : lines(target.error)), ...(signed.success ? [] : lines(signed.error))];
    throw new VoucherError('malformed', 400, 'Not a signed voucher', issues);
  }
  const { chainId, collection } = target.data;
  if (chainId !== p.chainId)
    throw new VoucherError(
      'wrong-chain',
      422,
      `This voucher is for chain ${chainId}; this platform runs on chain ${p.chainId}`,
    );
  if (collection.toLowerCase() !== p.collection.toLowerCase())
    throw new VoucherError('wrong-collection', 422, `This voucher is for another collection (${collection})`);
  const { voucher, signature } = signed.data;
  const json = voucherJson(voucher, signature);
  if (json.length > MAX_SIGNED_CHARS)
    throw new VoucherError('too-large', 400, `The signed voucher is over ${MAX_SIGNED_CHARS} characters`);
  const valid = await p.chain
    .verifyTypedData({ address: voucher.creator, ...voucherTypedData(voucher, chainId, p.collection), signature })
    .catch(() => false);
  if (!valid)
    throw new VoucherError(
      'bad-signature',
      422,
      `The signature is not ${voucher.creator}'s over this voucher, chain and collection`,
    );
  if (isCurrencyVoucher(voucher)) {
    const allowed = await p.chain.readContract({
      address: p.collection,
      abi: trackCollectionAbi,
      functionName: 'currencyAllowed',
      args: [voucher.currency],
    });
    if (!allowed)
      throw new VoucherError(
        'currency-not-allowed',
        422,
        `This voucher is priced in ${voucher.currency}, a currency this collection does not take`,
      );
  }
  const now = p.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (voucher.deadline < BigInt(now)) throw new VoucherError('expired', 422, 'This voucher has expired');
  const authorship = await voucherAuthorship(p.storage, voucher, { chainId, verifyingContract: p.collection });
  if (authorship.authorship !== 'verified')
    throw new VoucherError(
      'not-author',
      422,
      `${voucher.creator} is not the signed author of this track folder, so it cannot be offered as theirs: ${authorship.reason}`,
    );

  const shortId = voucherShortId(chainId, p.collection, voucher.creator, voucher.nonce);
  const tokenId = trackIdOf(voucher.creator, voucher.content);
  const meta = await folderMetadata(p.storage, signed.data);
  const row = {
    tokenId: tokenId.toString(),
    contentDigest: voucher.content,
    priceWei: voucher.price.toString(),
    deadline: voucher.deadline,
    signed: json,
    title: meta?.title ?? null,
    genre: meta?.genre ?? null,
    musicalKey: meta?.musicalKey ?? null,
    bpm: meta?.bpm ?? null,
  };
  await p.prisma.storedVoucher.upsert({
    where: { shortId },
    create: {
      shortId,
      chainId,
      collection: getAddress(p.collection),
      creator: voucher.creator,
      nonce: voucher.nonce.toString(),
      ...row,
    },
    update: row,
  });
  return { shortId, tokenId: tokenId.toString() };
}
