/**
 * What a mint costs and where the money goes, as `Editions.quote` computes it: the payer pays `price × quantity`;
 * a named referrer is credited `referralBps` of it (rounded down); the edition's payout (the track's split by
 * default) gets the rest. Editions charges no platform fee on primary sales, so the rest is the creator's net.
 */
export type MintQuote = { payment: bigint; referralCredit: bigint; creatorNet: bigint };

const BPS = 10_000n;

export function quoteMint(params: {
  price: bigint;
  quantity: number;
  referralBps: number;
  withReferrer: boolean;
}): MintQuote {
  if (!Number.isInteger(params.quantity) || params.quantity < 0)
    throw new RangeError('quantity must be a whole number');
  const payment = params.price * BigInt(params.quantity);
  const referralCredit = params.withReferrer ? (payment * BigInt(params.referralBps)) / BPS : 0n;
  return { payment, referralCredit, creatorNet: payment - referralCredit };
}

/** The creator's net per copy in the worst case (every mint referred) and the best (none). */
export function netPerCopy(price: bigint, referralBps: number): { withReferral: bigint; withoutReferral: bigint } {
  return {
    withReferral: quoteMint({ price, quantity: 1, referralBps, withReferrer: true }).creatorNet,
    withoutReferral: price,
  };
}
