'use client';

import type { Address } from 'viem';
import { currencyOf, formatAmount } from '../../../lib/format/amount';
import { useNativeCurrency, useStablecoin } from '../../_hooks/use-chain-info';
import { FeeBreakdown, useBreakdown } from './fee-breakdown';
import type { Trade } from './trade-steps';
import { useTokenBuyFee } from './use-token-buy-fee';

/**
 * A listed track seen by someone other than its owner: what the price pays, and the button to buy it. A listing in
 * an ERC-20 (issue #20) is bought with buyInCurrency for its exact price, after approving that amount when the
 * allowance is short.
 */
export function BuyPanel({ trade, price, currency }: { trade: Trade; price: bigint; currency: Address | null }) {
  const { id, tx, collection } = trade;
  const native = useNativeCurrency();
  const stablecoin = useStablecoin();
  const shown = currencyOf(currency, native, stablecoin ? [stablecoin] : []);
  const amount = formatAmount(price, shown);
  const listingBreakdown = useBreakdown(id, price).breakdown;
  const networkFee = useTokenBuyFee(trade, currency, price, shown.symbol);

  return (
    <section aria-label="Buy">
      <h3>For sale: {amount}</h3>
      <FeeBreakdown
        breakdown={listingBreakdown}
        perspective="buyer"
        label="What the price pays"
        currency={shown}
        networkFee={networkFee}
      />
      {currency && (
        <p className="muted">Paid in {shown.symbol}: an approval of the price first if needed, then the buy.</p>
      )}
      <button
        type="button"
        disabled={tx.busy}
        onClick={() =>
          void tx.run(
            'Buy',
            currency
              ? trade.currencySteps({ kind: 'buy', tokenId: id, currency, price }, shown.symbol)
              : [trade.marketStep('Buy', { functionName: 'buy', args: [collection.address, id], value: price })],
          )
        }
      >
        Buy for {amount}
      </button>
    </section>
  );
}
