import { formatAmount, type Currency } from '../../lib/format/amount';
import { shortHex } from '../../lib/format/short-hex';

export { amountLabel, formatAmount, type Currency } from '../../lib/format/amount';

type Args = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

/** A one-line human description of an indexed event about a track, amounts in the chain's currency. */
export function describeEvent(name: string, args: Args, currency: Currency): string {
  const amount = (v: string) => formatAmount(v, currency);
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
      return `Listed by ${shortHex(str(args.seller))} for ${amount(str(args.price))}`;
    case 'ListingUpdated':
      return `Price changed to ${amount(str(args.price))}`;
    case 'ListingCancelled':
      return 'Listing cancelled';
    case 'OfferMade':
      return `Offer of ${amount(str(args.amount))} by ${shortHex(str(args.buyer))}`;
    case 'OfferCancelled':
      return `Offer of ${amount(str(args.amount))} by ${shortHex(str(args.buyer))} withdrawn`;
    case 'Sale':
      return `Sold by ${shortHex(str(args.seller))} to ${shortHex(str(args.buyer))} for ${amount(str(args.price))} (royalty ${amount(str(args.royalty))}, fee ${amount(str(args.fee))})`;
    case 'Approval':
      return `Approved ${shortHex(str(args.approved))} to transfer`;
    default:
      return name;
  }
}
