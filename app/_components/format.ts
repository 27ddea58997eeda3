import { formatEther } from 'viem';

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export function eth(wei: bigint | string): string {
  return `${formatEther(BigInt(wei))} ETH`;
}

type Args = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

/** A one-line human description of an indexed event about a track. */
export function describeEvent(name: string, args: Args): string {
  switch (name) {
    case 'TrackMinted':
      return `Minted by ${shortAddress(str(args.creator))} (royalty ${Number(args.royaltyBps) / 100}%)`;
    case 'VoucherRedeemed':
      return `Voucher redeemed by ${shortAddress(str(args.buyer))} for ${eth(str(args.price))}`;
    case 'Transfer':
      return /^0x0{40}$/.test(str(args.from)) ? `Created for ${shortAddress(str(args.to))}` : `Transferred ${shortAddress(str(args.from))} → ${shortAddress(str(args.to))}`;
    case 'Listed':
      return `Listed by ${shortAddress(str(args.seller))} for ${eth(str(args.price))}`;
    case 'ListingUpdated':
      return `Price changed to ${eth(str(args.price))}`;
    case 'ListingCancelled':
      return 'Listing cancelled';
    case 'OfferMade':
      return `Offer of ${eth(str(args.amount))} by ${shortAddress(str(args.buyer))}`;
    case 'OfferCancelled':
      return `Offer of ${eth(str(args.amount))} by ${shortAddress(str(args.buyer))} withdrawn`;
    case 'Sale':
      return `Sold by ${shortAddress(str(args.seller))} to ${shortAddress(str(args.buyer))} for ${eth(str(args.price))} (royalty ${eth(str(args.royalty))}, fee ${eth(str(args.fee))})`;
    case 'Approval':
      return `Approved ${shortAddress(str(args.approved))} to transfer`;
    default:
      return name;
  }
}
