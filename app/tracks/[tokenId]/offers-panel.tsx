'use client';

import { shortHex } from '../../../lib/format/short-hex';
import { currencyOf, formatAmount } from '../../../lib/format/amount';
import { useNativeCurrency, useStablecoin } from '../../_hooks/use-chain-info';
import { FeeBreakdown, useBreakdown } from './fee-breakdown';
import type { Trade } from './trade-steps';
import type { LiveOffer } from './use-track-market';
import { AccountName, type PeopleLike } from '../../_components/account-name';

/** The live offers on the owner's track (native and in the chain's stablecoin), each with a button to accept it. */
export function OffersPanel({ trade, offers, people }: { trade: Trade; offers: LiveOffer[]; people: PeopleLike }) {
  return (
    <section aria-label="Offers">
      <h3>Offers</h3>
      <ul>
        {offers.map((o) => (
          <OfferItem key={`${o.buyer}:${o.currency ?? 'native'}`} trade={trade} offer={o} people={people} />
        ))}
      </ul>
    </section>
  );
}

/**
 * One offer, its fees in its own currency, and its Accept button. An offer in an ERC-20 (issue #20) is accepted with
 * acceptOfferInCurrency for its exact amount, after approving the market for the track when it is not yet approved.
 */
function OfferItem({ trade, offer: o, people }: { trade: Trade; offer: LiveOffer; people: PeopleLike }) {
  const { id, tx, collection } = trade;
  const native = useNativeCurrency();
  const stablecoin = useStablecoin();
  const currency = currencyOf(o.currency, native, stablecoin ? [stablecoin] : []);
  const amount = formatAmount(o.amount, currency);
  const breakdown = useBreakdown(id, o.amount).breakdown;
  // The seller accepts the platform fee shown, and no more (a fee raised meanwhile cannot apply).
  const maxFeeBps = breakdown?.feeBps ?? 0;

  return (
    <li>
      {amount} from <AccountName address={o.buyer} people={people} />, until{' '}
      {new Date(Number(o.expiry) * 1000).toLocaleString()}
      <FeeBreakdown breakdown={breakdown} perspective="seller" label="Fees if you accept" currency={currency} />
      <button
        type="button"
        disabled={tx.busy}
        onClick={() =>
          void tx.run(
            'Accept offer',
            o.currency
              ? trade
                  .currencySteps(
                    {
                      kind: 'acceptOffer',
                      tokenId: id,
                      currency: o.currency,
                      buyer: o.buyer,
                      amount: o.amount,
                      maxFeeBps,
                    },
                    currency.symbol,
                  )
                  .then((accept) => [...trade.approveStep(), ...accept])
              : [
                  ...trade.approveStep(),
                  trade.marketStep('Accept offer', {
                    functionName: 'acceptOffer',
                    args: [collection.address, id, o.buyer, o.amount, maxFeeBps],
                  }),
                ],
          )
        }
      >
        Accept offer of {amount} from {shortHex(o.buyer)}
      </button>
    </li>
  );
}
