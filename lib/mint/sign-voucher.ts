import { keccak256, parseUnits, stringToBytes, type Account, type Chain, type Client, type Transport } from 'viem';
import { signTypedData, type SignTypedDataErrorType } from 'viem/actions';
import { licenceId } from '../contracts/licences';
import { voucherTypedData, type AnyVoucher } from '../contracts/voucher';
import { BaseError } from '../errors/base';
import type { Currency } from '../format/amount';
import { pinnedAndReceiver, validSplitOf, type DraftNotReadyErrorType } from './contracts';
import type { DraftProgress, MintDraft } from './draft';

/** How long a signed voucher can be redeemed. */
export const VOUCHER_LIFETIME_SECONDS = 30 * 24 * 3600;

/**
 * The voucher's nonce: derived from the draft and its pinned folder, so re-signing the same draft gives the same
 * nonce (one redemption at most, however often it was signed), and a new draft or new content a new one.
 */
export function voucherNonce(draftId: string, cid: string): bigint {
  return BigInt(keccak256(stringToBytes(`${draftId}:${cid}`))) >> 64n;
}

/** The ERC-20 a voucher may be priced in (the platform's configured stablecoin). */
export type VoucherStablecoin = { address: `0x${string}`; decimals: number };

/** The draft's price is in the stablecoin, but this platform has none configured. */
export class NoStablecoinError extends BaseError {
  override name = 'NoStablecoinError';
  constructor() {
    super('This platform has no stablecoin configured: price the voucher in the native currency');
  }
}
export type NoStablecoinErrorType = NoStablecoinError & { name: 'NoStablecoinError' };

/**
 * The voucher a draft signs, without the signature (pure: `nowSeconds` is the signing time). The draft's price is
 * decimal text in the chain's native `currency` (its decimals, not ether's), or, when the draft's `priceIn` is
 * `stablecoin`, in `stablecoin` (then a CurrencyVoucher naming it; NoStablecoinError without one).
 */
export function voucherOf(
  draft: MintDraft,
  creator: `0x${string}`,
  nowSeconds: number,
  currency: Pick<Currency, 'decimals'>,
  stablecoin?: VoucherStablecoin,
): AnyVoucher {
  const split = validSplitOf(draft);
  const { pinned, receiver } = pinnedAndReceiver(draft);
  const inStablecoin = draft.details.priceIn === 'stablecoin';
  if (inStablecoin && !stablecoin) throw new NoStablecoinError();
  const voucher = {
    creator,
    content: pinned.contentDigest,
    manifest: pinned.manifestDigest,
    price: parseUnits(draft.details.price, inStablecoin && stablecoin ? stablecoin.decimals : currency.decimals),
    // Bound in the signature: the sale's proceeds can only ever be credited to the creator.
    payout: creator,
    royaltyReceiver: receiver,
    royaltyBps: split.royaltyBps,
    licence: licenceId(draft.details.licence),
    nonce: voucherNonce(draft.id, pinned.cid),
    deadline: BigInt(Math.floor(nowSeconds) + VOUCHER_LIFETIME_SECONDS),
  };
  return inStablecoin && stablecoin ? { ...voucher, currency: stablecoin.address } : voucher;
}

/** The voucher and its signature as JSON (bigints as decimal strings), as the track page's redeem form reads it. */
export function voucherJson(voucher: AnyVoucher, signature: `0x${string}`): string {
  return JSON.stringify({ voucher, signature }, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

export type SignVoucherParameters = {
  draft: MintDraft;
  collection: `0x${string}`;
  chainId: number;
  nowSeconds: number;
  /** The chain's native currency, in which the draft's price is written (unless `priceIn` is `stablecoin`). */
  currency: Pick<Currency, 'decimals'>;
  /** The platform's stablecoin, for a draft priced in it. */
  stablecoin?: VoucherStablecoin;
};
export type SignVoucherReturnType = NonNullable<DraftProgress['voucher']>;
export type SignVoucherErrorType = DraftNotReadyErrorType | NoStablecoinErrorType | SignTypedDataErrorType;

/**
 * Step `voucher`: the creator signs a lazy-mint voucher (EIP-712, bound to the chain and collection); the buyer mints.
 * A draft priced in the stablecoin signs a CurrencyVoucher (its own EIP-712 type).
 */
export async function signVoucher(
  client: Client<Transport, Chain | undefined, Account>,
  { draft, collection, chainId, nowSeconds, currency, stablecoin }: SignVoucherParameters,
): Promise<SignVoucherReturnType> {
  const account = client.account;
  const message = voucherOf(draft, account.address, nowSeconds, currency, stablecoin);
  const signature = await signTypedData(client, { ...voucherTypedData(message, chainId, collection), account });
  return { json: voucherJson(message, signature) };
}
