import 'server-only';
import type { Address, Hex } from 'viem';
import { isCurrencyVoucher } from '../contracts/voucher';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { cidOfContentDigest } from '../provenance/digest';
import { VoucherError } from './errors';
import { parseSignedVoucher, type SignedVoucher } from './signed-voucher';
import { VOUCHER_STATE_SQL, type VoucherState } from './voucher-state';

/** A stored voucher as its collect page shows it. */
export type CollectView = {
  shortId: string;
  tokenId: string;
  title: string | null;
  creator: string;
  /** The creator's profile display name, or null. */
  creatorName: string | null;
  /** The price in the smallest units of its currency (wei, or the token's units for a currency voucher). */
  priceWei: string;
  /** The ERC-20 the voucher is priced in (a CurrencyVoucher, issue #20), or null for the native currency. */
  currency: Address | null;
  /** Unix seconds. */
  deadline: string;
  /** The pinned folder's CID (cover, audio). */
  contentCid: string;
  state: VoucherState;
  /** The signed voucher, as the redeem call takes it. */
  signed: SignedVoucher;
  /** The same as JSON (numbers as decimal strings), for a client component. */
  signedJson: string;
};

type Row = {
  shortId: string;
  tokenId: Prisma.Decimal;
  title: string | null;
  creator: string;
  creatorName: string | null;
  priceWei: Prisma.Decimal;
  deadline: bigint;
  contentDigest: string;
  signed: string;
  state: VoucherState;
};

/** Short ids are 11 base64url characters (lib/vouchers/store-voucher.ts). */
const SHORT_ID = /^[A-Za-z0-9_-]{11}$/;

/** The stored voucher `shortId` on `chainId` with its state; throws VoucherError 'not-found' (404). */
export async function readVoucher(
  prisma: Pick<PrismaClient, '$queryRaw'>,
  chainId: number,
  shortId: string,
): Promise<CollectView> {
  const notFound = () => new VoucherError('not-found', 404, 'No voucher has this link');
  if (!SHORT_ID.test(shortId)) throw notFound();
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT v."shortId", v."tokenId", v."title", v."creator", p."displayName" AS "creatorName", v."priceWei",
           v."deadline", v."contentDigest", v."signed", ${VOUCHER_STATE_SQL} AS "state"
    FROM "StoredVoucher" v LEFT JOIN "Profile" p ON p."address" = v."creator"
    WHERE v."chainId" = ${chainId} AND v."shortId" = ${shortId}`;
  const row = rows[0];
  if (!row) throw notFound();
  const parsed = parseSignedVoucher(row.signed);
  if (!parsed.ok) throw notFound(); // only checked vouchers are stored: a row that does not parse is not served
  return {
    shortId: row.shortId,
    tokenId: row.tokenId.toFixed(),
    title: row.title,
    creator: row.creator,
    creatorName: row.creatorName,
    priceWei: row.priceWei.toFixed(),
    currency: isCurrencyVoucher(parsed.value.voucher) ? parsed.value.voucher.currency : null,
    deadline: row.deadline.toString(),
    contentCid: cidOfContentDigest(row.contentDigest as Hex).toString(),
    state: row.state,
    signed: parsed.value,
    signedJson: row.signed,
  };
}
