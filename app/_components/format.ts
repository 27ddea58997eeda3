import { formatEther } from 'viem';
import { shortHex } from '../../lib/format/short-hex';


export function eth(wei: bigint | string): string {
  return `${formatEther(BigInt(wei))} ETH`;
}

type Args = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

/** A one-line human description of an indexed event about a track. */
export function describeEvent(name: string, args: Args): string {
  switch (name) {
    case 'TrackMinted':
      return `Minted by ${shortHex(str(args.creator))} (royalty ${Number(args.royaltyBps) / 100}%)`;
    case 'VoucherRedeemed':
      return `Voucher redeemed by ${shortHex(str(args.buyer))} for ${eth(str(args.price))}`;
    case 'Transfer':
      return /^0x0{40}$/.test(str(args.from)) ? `Created for ${shortHex(str(args.to))}` : `Transferred ${shortHex(str(args.from))} → ${shortHex(str(args.to))}`;
    case 'Listed':
      return `Listed by ${shortHex(str(args.seller))} for ${eth(str(args.price))}`;
    case 'ListingUpdated':
      return `Price changed to ${eth(str(args.price))}`;
    case 'ListingCancelled':
      return 'Listing cancelled';
    case 'OfferMade':
      return `Offer of ${eth(str(args.amount))} by ${shortHex(str(args.buyer))}`;
    case 'OfferCancelled':
      return `Offer of ${eth(str(args.amount))} by ${shortHex(str(args.buyer))} withdrawn`;
    case 'Sale':
      return `Sold by ${shortHex(str(args.seller))} to ${shortHex(str(args.buyer))} for ${eth(str(args.price))} (royalty ${eth(str(args.royalty))}, fee ${eth(str(args.fee))})`;
    case 'Approval':
      return `Approved ${shortHex(str(args.approved))} to transfer`;
    default:
      return name;
  }
}
