import { currencyOf, formatAmount, type Currency, type TokenCurrency } from '../../lib/format/amount';
import { shortHex } from '../../lib/format/short-hex';

export { amountLabel, currencyOf, formatAmount, type Currency } from '../../lib/format/amount';

type Args = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

/**
 * A one-line human description of an indexed event about a track, amounts in the chain's currency, or for the
 * `...InCurrency` events in their ERC-20 (`tokens`: the ones Motif knows; issue #20).
 */
export function describeEvent(
  name: string,
  args: Args,
  currency: Currency,
  tokens: readonly TokenCurrency[] = [],
): string {
  const inToken = name.endsWith('InCurrency') ? currencyOf(str(args.currency), currency, tokens) : currency;
  const amount = (v: string) => formatAmount(v, inToken);
  switch (name) {
    case 'TrackMinted':
      return `Minted by ${shortHex(str(args.creator))} (royalty ${Number(args.royaltyBps) / 100}%)`;
    case 'VoucherRedeemed':
      return `Voucher redeemed by ${shortHex(str(args.buyer))} for ${amount(str(args.price))}`;
    case 'Transfer':
      return /^0x0{40}$/.test(str(args.from))
        ? `Created for ${shortHex(str(args.to))}`
        : `Transferred ${shortHex(str(args.from))} → ${shortHex(str(args.to))}`;
    case 'Listed':
    case 'ListedInCurrency':
      return `Listed by ${shortHex(str(args.seller))} for ${amount(str(args.price))}`;
    case 'ListingUpdated':
      return `Price changed to ${amount(str(args.price))}`;
    case 'ListingCancelled':
      return 'Listing cancelled';
    case 'OfferMade':
    case 'OfferMadeInCurrency':
      return `Offer of ${amount(str(args.amount))} by ${shortHex(str(args.buyer))}`;
    case 'OfferCancelled':
    case 'OfferCancelledInCurrency':
      return `Offer of ${amount(str(args.amount))} by ${shortHex(str(args.buyer))} withdrawn`;
    case 'Sale':
    case 'SaleInCurrency':
      return `Sold by ${shortHex(str(args.seller))} to ${shortHex(str(args.buyer))} for ${amount(str(args.price))} (royalty ${amount(str(args.royalty))}, fee ${amount(str(args.fee))})`;
    case 'Approval':
      return `Approved ${shortHex(str(args.approved))} to transfer`;
    default:
      return name;
  }
}
