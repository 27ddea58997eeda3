import { getAddress, isAddress, type Address } from 'viem';
import { currencyOf, formatAmount, type Currency, type TokenCurrency } from '../format/amount';
import { shortHex } from '../format/short-hex';

/** An indexed event's decoded arguments, as stored (addresses and amounts as strings). */
export type EventArgs = Record<string, unknown>;

/** Display names by checksummed address (lib/profiles/display-names); accounts without one show a short address. */
export type DisplayNames = ReadonlyMap<Address, string>;

const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

/** The arguments that name people, in the events `describeEvent` writes out. */
const PERSON_ARGS = ['creator', 'buyer', 'seller', 'from', 'to', 'approved'] as const;

/** Every account an event names (for one display-name query over a page of events); the zero address left out. */
export function accountsInEvent(args: EventArgs): Address[] {
  return PERSON_ARGS.map((k) => str(args[k]))
    .filter((a) => isAddress(a, { strict: false }) && !/^0x0{40}$/i.test(a))
    .map((a) => getAddress(a));
}

/** Which argument names the person a description starts with (its actor), by event name. */
const ACTOR_ARG: Record<string, string> = {
  TrackMinted: 'creator',
  VoucherRedeemed: 'buyer',
  Listed: 'seller',
  ListedInCurrency: 'seller',
  OfferMade: 'buyer',
  OfferMadeInCurrency: 'buyer',
  OfferCancelled: 'buyer',
  OfferCancelledInCurrency: 'buyer',
  Sale: 'seller',
  SaleInCurrency: 'seller',
  Approval: 'approved',
};

/**
 * The person `describeEvent` names first (an activity item shows their avatar): the minter, the seller of a sale, the
 * maker of an offer; a mint's transfer its receiver, another transfer its sender; null when the event names no one.
 */
export function actorOfEvent(name: string, args: EventArgs): Address | null {
  const arg = name === 'Transfer' ? (/^0x0{40}$/.test(str(args.from)) ? 'to' : 'from') : ACTOR_ARG[name];
  const a = arg ? str(args[arg]) : '';
  return isAddress(a, { strict: false }) && !/^0x0{40}$/i.test(a) ? getAddress(a) : null;
}

/** What a description may know beyond the event: people's display names, and the ERC-20s Motif prices in. */
export type DescribeContext = { names?: DisplayNames; tokens?: readonly TokenCurrency[] };

/**
 * A one-line human description of an indexed event about a track: people by display name (else a short address),
 * amounts in the chain's currency, or for the `...InCurrency` events in their ERC-20 (never as the native currency).
 */
export function describeEvent(
  name: string,
  args: EventArgs,
  currency: Currency,
  context: DescribeContext = {},
): string {
  const names = context.names ?? new Map<Address, string>();
  const inToken = name.endsWith('InCurrency')
    ? currencyOf(str(args.currency), currency, context.tokens ?? [])
    : currency;
  const amount = (v: unknown) => formatAmount(str(v), inToken);
  const who = (v: unknown) => {
    const a = str(v);
    return (isAddress(a, { strict: false }) ? names.get(getAddress(a)) : undefined) ?? shortHex(a);
  };
  switch (name) {
    case 'TrackMinted':
      return `Minted by ${who(args.creator)} (royalty ${Number(args.royaltyBps) / 100}%)`;
    case 'VoucherRedeemed':
    case 'VoucherRedeemedInCurrency':
      return `Voucher redeemed by ${who(args.buyer)} for ${amount(args.price)}`;
    case 'Transfer':
      return /^0x0{40}$/.test(str(args.from))
        ? `Created for ${who(args.to)}`
        : `Transferred ${who(args.from)} → ${who(args.to)}`;
    case 'Listed':
    case 'ListedInCurrency':
      return `Listed by ${who(args.seller)} for ${amount(args.price)}`;
    case 'ListingUpdated':
      return `Price changed to ${amount(args.price)}`;
    case 'ListingCancelled':
      return 'Listing cancelled';
    case 'OfferMade':
    case 'OfferMadeInCurrency':
      return `Offer of ${amount(args.amount)} by ${who(args.buyer)}`;
    case 'OfferCancelled':
    case 'OfferCancelledInCurrency':
      return `Offer of ${amount(args.amount)} by ${who(args.buyer)} withdrawn`;
    case 'Sale':
    case 'SaleInCurrency':
      return `Sold by ${who(args.seller)} to ${who(args.buyer)} for ${amount(args.price)} (royalty ${amount(args.royalty)}, fee ${amount(args.fee)})`;
    case 'Approval':
      return `Approved ${who(args.approved)} to transfer`;
    default:
      return name;
  }
}
