'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { amountLabel, currencyOf, formatAmount } from '../../../lib/format/amount';
import { useNativeCurrency, useStablecoin } from '../../_hooks/use-chain-info';
import { FeeBreakdown, useBreakdown } from './fee-breakdown';
import { parseAmount } from './parse-amount';
import type { Trade } from './trade-steps';

/** `currency`: the ERC-20 the price is in (issue #20), null for the native currency. */
type Listing = { price: bigint; expiry: bigint; currency: Address | null };

/** The owner's live listing: its fees, a form to change the price, and a button to cancel it. */
export function ListingPanel({ trade, listing }: { trade: Trade; listing: Listing }) {
  const { id, tx, collection } = trade;
  const native = useNativeCurrency();
  const stablecoin = useStablecoin();
  // a new price stays in the listing's currency (updateListing keeps it)
  const currency = currencyOf(listing.currency, native, stablecoin ? [stablecoin] : []);
  const eth = (baseUnits: bigint) => formatAmount(baseUnits, currency);
  const [newPriceText, setNewPriceText] = useState('');
  const newPrice = parseAmount(newPriceText, currency.decimals);
  const listingBreakdown = useBreakdown(id, listing.price).breakdown;
  const newPriceBreakdown = useBreakdown(id, newPrice).breakdown;

  return (
    <section aria-label="Your listing">
      <h3>Listed for {eth(listing.price)}</h3>
      <p className="muted">Until {new Date(Number(listing.expiry) * 1000).toLocaleString()}</p>
      <FeeBreakdown
        breakdown={listingBreakdown}
        perspective="seller"
        label="Fees at the listed price"
        currency={currency}
      />
      <form
        aria-label="Change price"
        onSubmit={(e) => {
          e.preventDefault();
          if (newPrice)
            void tx
              .run('Change price', [
                trade.marketStep('Change price', {
                  functionName: 'updateListing',
                  args: [collection.address, id, newPrice],
                }),
              ])
              .then((ok) => ok && setNewPriceText(''));
        }}
      >
        <label>
          {amountLabel('New price', currency)}{' '}
          <input
            name="newPrice"
            inputMode="decimal"
            value={newPriceText}
            onChange={(e) => setNewPriceText(e.target.value)}
            required
          />
        </label>
        {newPrice && (
          <FeeBreakdown
            breakdown={newPriceBreakdown}
            perspective="seller"
            label="Fees at the new price"
            currency={currency}
          />
        )}
        <button type="submit" disabled={!newPrice || tx.busy}>
          Change price
        </button>
      </form>
      <button
        type="button"
        disabled={tx.busy}
        onClick={() =>
          void tx.run('Cancel listing', [
            trade.marketStep('Cancel listing', { functionName: 'cancelListing', args: [collection.address, id] }),
          ])
        }
      >
        Cancel listing
      </button>
    </section>
  );
}
