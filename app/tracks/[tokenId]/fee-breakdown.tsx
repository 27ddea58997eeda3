'use client';

import { useReadContract } from 'wagmi';
import type { Address } from 'viem';
import { useMotifContract } from '../../_hooks/use-motif-contract';
import { shortHex } from '../../../lib/format/short-hex';
import { formatAmount, formatApproxAmount, type Currency } from '../../../lib/format/amount';
import { useNativeCurrency } from '../../_hooks/use-chain-info';

const BPS = 10_000n;

export type Breakdown = {
  price: bigint;
  royalty: bigint;
  royaltyReceiver: Address | null;
  fee: bigint;
  feeBps: number;
  seller: bigint;
};

/** Royalty (royaltyInfo for this price) and platform fee (Market.fee) of a sale at `price`, as Market._settle credits them. */
export function useBreakdown(tokenId: bigint, price: bigint | null): { breakdown: Breakdown | null; loading: boolean } {
  const collection = useMotifContract('TrackCollection');
  const market = useMotifContract('Market');
  const royalty = useReadContract({
    ...(collection ?? { address: undefined, abi: undefined }),
    functionName: 'royaltyInfo',
    args: [tokenId, price ?? 0n],
    query: { enabled: collection !== null && price !== null && price > 0n },
  });
  const fee = useReadContract({
    ...(market ?? { address: undefined, abi: undefined }),
    functionName: 'fee',
    query: { enabled: market !== null },
  });
  if (price === null || price <= 0n || !royalty.data || !fee.data)
    return { breakdown: null, loading: royalty.isLoading || fee.isLoading };
  const [receiver, royaltyAmount] = royalty.data as readonly [Address, bigint];
  const [, feeBps] = fee.data as readonly [Address, number];
  const feeAmount = feeBps === 0 ? 0n : (price * BigInt(feeBps)) / BPS;
  const capped =
    receiver === '0x0000000000000000000000000000000000000000'
      ? 0n
      : royaltyAmount < price - feeAmount
        ? royaltyAmount
        : price - feeAmount;
  return {
    breakdown: {
      price,
      royalty: capped,
      royaltyReceiver: capped > 0n ? receiver : null,
      fee: feeAmount,
      feeBps,
      seller: price - feeAmount - capped,
    },
    loading: false,
  };
}

/** The fee table shown before every signature that moves a sale price. */
export function FeeBreakdown({
  breakdown,
  perspective,
  label,
  currency,
  networkFee,
}: {
  breakdown: Breakdown | null;
  perspective: 'buyer' | 'seller';
  label: string;
  /** The currency of the price (an ERC-20 for a token listing; issue #20); default the chain's native currency. */
  currency?: Currency;
  /** The estimated network fee in the chain's own currency, when the page has one (a token buy: approve + buy). */
  networkFee?: bigint | null;
}) {
  const native = useNativeCurrency();
  const eth = (baseUnits: bigint) => formatAmount(baseUnits, currency ?? native);
  // A price in an ERC-20 (issue #20): the sale's amounts are in the token, the network fee in the chain's own currency.
  const inToken =
    currency !== undefined && (currency.symbol !== native.symbol || currency.decimals !== native.decimals);
  if (!breakdown) return <p className="muted">Enter a price to see the royalty and fees.</p>;
  return (
    <dl className="fee-breakdown" aria-label={label} data-testid="fee-breakdown">
      <dt>{perspective === 'buyer' ? 'You pay' : 'Sale price'}</dt>
      <dd>{eth(breakdown.price)}</dd>
      <dt>Creator royalty</dt>
      <dd>
        {eth(breakdown.royalty)}
        {breakdown.royaltyReceiver ? (
          <>
            {' '}
            to <span title={breakdown.royaltyReceiver}>{shortHex(breakdown.royaltyReceiver)}</span>
          </>
        ) : (
          ''
        )}
      </dd>
      <dt>Platform fee ({breakdown.feeBps / 100}%)</dt>
      <dd>{eth(breakdown.fee)}</dd>
      <dt>{perspective === 'seller' ? 'You receive' : 'Seller receives'}</dt>
      <dd>{eth(breakdown.seller)}</dd>
      <dt>Network fee</dt>
      <dd>
        {inToken
          ? networkFee != null
            ? `about ${formatApproxAmount(networkFee, native)} in gas (${native.symbol}, not ${currency.symbol})`
            : `gas in ${native.symbol}, not ${currency.symbol}, shown by your wallet`
          : 'gas, shown by your wallet'}
      </dd>
    </dl>
  );
}
