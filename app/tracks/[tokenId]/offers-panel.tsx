'use client';

import { shortHex } from '../../../lib/format/short-hex';
import { useFormatAmount } from '../../_hooks/use-chain-info';
import { FeeBreakdown, useBreakdown } from './fee-breakdown';
import type { Trade } from './trade-steps';
import type { LiveOffer } from './use-track-market';

/** The live offers on the owner's track, best first, each with a button to accept it. */
export function OffersPanel({ trade, offers }: { trade: Trade; offers: LiveOffer[] }) {
  const { id, tx, collection } = trade;
  const eth = useFormatAmount();
  const acceptBreakdown = useBreakdown(id, offers[0]?.amount ?? null).breakdown;

  return (
    <section aria-label="Offers">
      <h3>Offers</h3>
      <ul>
        {offers.map((o, i) => (
          <li key={o.buyer}>
            {eth(o.amount)} from <span title={o.buyer}>{shortHex(o.buyer)}</span>, until{' '}
            {new Date(Number(o.expiry) * 1000).toLocaleString()}
            {i === 0 && <FeeBreakdown breakdown={acceptBreakdown} perspective="seller" label="Fees if you accept" />}
            <button
              type="button"
              disabled={tx.busy}
              // The seller accepts the platform fee shown above, and no more (a fee raised meanwhile cannot apply).
              onClick={() =>
                void tx.run('Accept offer', [
                  ...trade.approveStep(),
                  trade.marketStep('Accept offer', {
                    functionName: 'acceptOffer',
                    args: [collection.address, id, o.buyer, o.amount, acceptBreakdown?.feeBps ?? 0],
                  }),
                ])
              }
            >
              Accept offer of {eth(o.amount)} from {shortHex(o.buyer)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
