'use client';

import { useFormatAmount } from '../../_hooks/use-chain-info';
import type { Trade } from './trade-steps';

/** The viewer's own escrowed offer on someone else's track, with the button to cancel it. */
export function YourOffer({ trade, offer }: { trade: Trade; offer: readonly [bigint, bigint] }) {
  const { id, tx, collection } = trade;
  const eth = useFormatAmount();

  return (
    <section aria-label="Your offer">
      <h3>Your offer: {eth(offer[0])}</h3>
      <p className="muted">
        Escrowed until {new Date(Number(offer[1]) * 1000).toLocaleString()}; cancelling credits it back to withdraw.
      </p>
      <button
        type="button"
        disabled={tx.busy}
        onClick={() =>
          void tx.run('Cancel offer', [
            trade.marketStep('Cancel offer', { functionName: 'cancelOffer', args: [collection.address, id] }),
          ])
        }
      >
        Cancel offer
      </button>
    </section>
  );
}
