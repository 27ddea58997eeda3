'use client';

import { useState } from 'react';
import { amountLabel, formatAmount } from '../../../lib/format/amount';
import { useNativeCurrency, useStablecoin } from '../../_hooks/use-chain-info';
import { CurrencySelect } from './currency-select';
import { FeeBreakdown, useBreakdown } from './fee-breakdown';
import { parseAmount } from './parse-amount';
import type { Trade } from './trade-steps';

/**
 * The form to offer on someone else's track: the amount is escrowed in the market for the days chosen. Where the chain
 * has a stablecoin (issue #20) the offer may be in it: an approval of exactly the amount first when the allowance is
 * short, then makeOfferInCurrency. `open`: the currencies the viewer has no offer in yet (one offer per currency).
 */
export function MakeOfferForm({ trade, open }: { trade: Trade; open: { native: boolean; token: boolean } }) {
  const { id, tx, collection } = trade;
  const native = useNativeCurrency();
  const stablecoin = useStablecoin();
  const [offerText, setOfferText] = useState('');
  const [offerDays, setOfferDays] = useState('7');
  const [tokenChosen, setTokenChosen] = useState(false);
  const token = stablecoin && open.token && (tokenChosen || !open.native) ? stablecoin : null;
  const currency = token ?? native;
  const offerAmount = parseAmount(offerText, currency.decimals);
  const offerBreakdown = useBreakdown(id, offerAmount).breakdown;

  return (
    <form
      aria-label="Make an offer"
      onSubmit={(e) => {
        e.preventDefault();
        const days = Number(offerDays);
        if (!offerAmount || !(days >= 1 && days <= 90)) return;
        const expiry = BigInt(Math.floor(Date.now() / 1000) + Math.round(days * 86_400));
        const steps = token
          ? trade.currencySteps(
              { kind: 'offer', tokenId: id, currency: token.address, amount: offerAmount, expiry },
              token.symbol,
            )
          : [
              trade.marketStep('Make offer', {
                functionName: 'makeOffer',
                args: [collection.address, id, expiry],
                value: offerAmount,
              }),
            ];
        void tx.run('Make offer', steps).then((ok) => ok && setOfferText(''));
      }}
    >
      <h3>Make an offer</h3>
      {stablecoin && (
        <CurrencySelect
          native={native}
          token={stablecoin}
          inToken={token !== null}
          onChange={setTokenChosen}
          disabled={{ native: !open.native, token: !open.token }}
        />
      )}{' '}
      <label>
        {amountLabel('Amount', currency)}{' '}
        <input
          name="offer"
          inputMode="decimal"
          value={offerText}
          onChange={(e) => setOfferText(e.target.value)}
          required
        />
      </label>{' '}
      <label>
        Valid for (days){' '}
        <input
          name="days"
          type="number"
          min={1}
          max={90}
          value={offerDays}
          onChange={(e) => setOfferDays(e.target.value)}
          required
        />
      </label>
      <p className="muted">The amount is escrowed in the market until the owner accepts, you cancel, or it expires.</p>
      {token && (
        <p className="muted">Paid in {token.symbol}: an approval of the amount first if needed, then the offer.</p>
      )}
      {offerAmount && (
        <FeeBreakdown
          breakdown={offerBreakdown}
          perspective="buyer"
          label="Fees if the offer is accepted"
          currency={currency}
        />
      )}
      <button type="submit" disabled={!offerAmount || tx.busy}>
        Offer {offerAmount ? formatAmount(offerAmount, currency) : '…'}
      </button>
    </form>
  );
}
