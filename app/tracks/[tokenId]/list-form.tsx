'use client';

import { useState } from 'react';
import { amountLabel, formatAmount } from '../../../lib/format/amount';
import { useNativeCurrency, useStablecoin } from '../../_hooks/use-chain-info';
import { CurrencySelect } from './currency-select';
import { FeeBreakdown, useBreakdown } from './fee-breakdown';
import { parseAmount } from './parse-amount';
import type { Trade } from './trade-steps';

/**
 * The owner's form to list an unlisted track (approving the market first when it is not yet approved), in the
 * chain's native currency or, where one is deployed, in its stablecoin (issue #20).
 */
export function ListForm({ trade, needsApproval }: { trade: Trade; needsApproval: boolean }) {
  const { id, tx, collection } = trade;
  const native = useNativeCurrency();
  const stablecoin = useStablecoin();
  const [priceText, setPriceText] = useState('');
  const [listDays, setListDays] = useState('30');
  const [inToken, setInToken] = useState(false);
  const token = inToken ? stablecoin : null;
  const currency = token ?? native;
  const listPrice = parseAmount(priceText, currency.decimals);
  const listBreakdown = useBreakdown(id, listPrice).breakdown;

  return (
    <form
      aria-label="List for sale"
      onSubmit={(e) => {
        e.preventDefault();
        // Every listing expires (the market refuses one without an end); it also dies for good once the track moves.
        const expiry = BigInt(Math.floor(Date.now() / 1000) + Number(listDays) * 86_400);
        if (!listPrice) return;
        const steps = token
          ? trade
              .currencySteps(
                { kind: 'list', tokenId: id, currency: token.address, price: listPrice, expiry },
                token.symbol,
              )
              .then((list) => [...trade.approveStep(), ...list])
          : [
              ...trade.approveStep(),
              trade.marketStep('List', { functionName: 'list', args: [collection.address, id, listPrice, expiry] }),
            ];
        void tx.run('List for sale', steps).then((ok) => ok && setPriceText(''));
      }}
    >
      <h3>List for sale</h3>
      {stablecoin && <CurrencySelect native={native} token={stablecoin} inToken={inToken} onChange={setInToken} />}
      <label>
        {amountLabel('Price', currency)}{' '}
        <input
          name="price"
          inputMode="decimal"
          value={priceText}
          onChange={(e) => setPriceText(e.target.value)}
          required
          aria-describedby="list-fee"
        />
      </label>
      <label>
        Listed for{' '}
        <select name="listDays" value={listDays} onChange={(e) => setListDays(e.target.value)}>
          <option value="1">1 day</option>
          <option value="7">7 days</option>
          <option value="30">30 days</option>
          <option value="90">90 days</option>
          <option value="365">1 year</option>
        </select>
      </label>
      <div id="list-fee">
        <FeeBreakdown
          breakdown={listBreakdown}
          perspective="seller"
          label="Fees if it sells at this price"
          currency={currency}
        />
      </div>
      {needsApproval && <p className="muted">Two transactions: approve the market for this track, then list it.</p>}
      <button type="submit" disabled={!listPrice || tx.busy}>
        List for {listPrice ? formatAmount(listPrice, currency) : '…'}
      </button>
    </form>
  );
}
