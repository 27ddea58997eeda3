'use client';

import { useFormatAmount } from '../../_hooks/use-chain-info';
import { FeeBreakdown, useBreakdown } from './fee-breakdown';
import type { Trade } from './trade-steps';

/** A listed track seen by someone other than its owner: what the price pays, and the button to buy it. */
export function BuyPanel({ trade, price }: { trade: Trade; price: bigint }) {
  const { id, tx, collection } = trade;
  const eth = useFormatAmount();
  const listingBreakdown = useBreakdown(id, price).breakdown;

  return (
    <section aria-label="Buy">
      <h3>For sale: {eth(price)}</h3>
      <FeeBreakdown breakdown={listingBreakdown} perspective="buyer" label="What the price pays" />
      <button
        type="button"
        disabled={tx.busy}
        onClick={() =>
          void tx.run('Buy', [
            trade.marketStep('Buy', { functionName: 'buy', args: [collection.address, id], value: price }),
          ])
        }
      >
        Buy for {eth(price)}
      </button>
    </section>
  );
}
