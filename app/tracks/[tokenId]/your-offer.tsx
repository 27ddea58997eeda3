'use client';

import type { Currency, TokenCurrency } from '../../../lib/format/amount';
import { formatAmount } from '../../../lib/format/amount';
import { useNativeCurrency } from '../../_hooks/use-chain-info';
import type { Trade } from './trade-steps';

/**
 * The viewer's own escrowed offer on someone else's track, with the button to cancel it; `token`: the ERC-20 it is in
 * (issue #20, cancelled with cancelOfferInCurrency), or absent for a native offer.
 */
export function YourOffer({
  trade,
  offer,
  token,
}: {
  trade: Trade;
  offer: readonly [bigint, bigint];
  token?: TokenCurrency;
}) {
  const { id, tx, collection } = trade;
  const native = useNativeCurrency();
  const currency: Currency = token ?? native;

  return (
    <section aria-label={token ? `Your offer in ${token.symbol}` : 'Your offer'}>
      <h3>Your offer: {formatAmount(offer[0], currency)}</h3>
      <p className="muted">
        Escrowed until {new Date(Number(offer[1]) * 1000).toLocaleString()}; cancelling credits it back to withdraw.
      </p>
      <button
        type="button"
        disabled={tx.busy}
        onClick={() =>
          void tx.run(
            'Cancel offer',
            token
              ? trade.currencySteps({ kind: 'cancelOffer', tokenId: id, currency: token.address }, token.symbol)
              : [trade.marketStep('Cancel offer', { functionName: 'cancelOffer', args: [collection.address, id] })],
          )
        }
      >
        Cancel offer{token ? ` in ${token.symbol}` : ''}
      </button>
    </section>
  );
}
