'use client';

import { useState } from 'react';
import { amountLabel } from '../../_components/format';
import { useFormatAmount, useNativeCurrency } from '../../_hooks/use-chain-info';
import { FeeBreakdown, useBreakdown } from './fee-breakdown';
import { parseAmount } from './parse-amount';
import type { Trade } from './trade-steps';

/** The form to offer on someone else's track: the amount is escrowed in the market for the days chosen. */
export function MakeOfferForm({ trade }: { trade: Trade }) {
  const { id, tx, collection } = trade;
  const currency = useNativeCurrency();
  const eth = useFormatAmount();
  const [offerText, setOfferText] = useState('');
  const [offerDays, setOfferDays] = useState('7');
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
        void tx
          .run('Make offer', [
            trade.marketStep('Make offer', {
              functionName: 'makeOffer',
              args: [collection.address, id, expiry],
              value: offerAmount,
            }),
          ])
          .then((ok) => ok && setOfferText(''));
      }}
    >
      <h3>Make an offer</h3>
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
      {offerAmount && (
        <FeeBreakdown breakdown={offerBreakdown} perspective="buyer" label="Fees if the offer is accepted" />
      )}
      <button type="submit" disabled={!offerAmount || tx.busy}>
        Offer {offerAmount ? eth(offerAmount) : '…'}
      </button>
    </form>
  );
}
