import { describeEvent } from '../../../lib/activity/describe-event';
import { currencyOf, formatAmount, type Currency, type TokenCurrency } from '../../../lib/format/amount';
import type { TrackView } from '../../../lib/tracks/track-page';
import type { People } from '../../../lib/profiles/display-names';

/** The sales count and last price, and every indexed event of the token (a minted track only). */
export function HistorySection({
  view,
  currency,
  tokens,
  names,
}: {
  view: TrackView;
  currency: Currency;
  tokens: readonly TokenCurrency[];
  names: People['names'];
}) {
  const { track } = view;
  const sales = view.history.filter(
    (e) =>
      e.name === 'Sale' ||
      e.name === 'SaleInCurrency' ||
      e.name === 'VoucherRedeemed' ||
      e.name === 'VoucherRedeemedInCurrency',
  );
  const lastSale = sales.at(-1);
  // an amount in the ERC-20 at `token` (null: native): a token price never reads as the native currency (issue #20)
  const priced = (baseUnits: bigint | string, token: string | null) =>
    formatAmount(baseUnits, currencyOf(token, currency, tokens));
  return (
    <>
      {track && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">Ownership and sale history</h2>
          {sales.length > 0 && (
            <p>
              {sales.length} sale{sales.length === 1 ? '' : 's'}; last{' '}
              {priced(
                String(lastSale?.args.price),
                lastSale?.name === 'SaleInCurrency' || lastSale?.name === 'VoucherRedeemedInCurrency'
                  ? String(lastSale.args.currency)
                  : null,
              )}
              .
            </p>
          )}
          <ol className="history" data-testid="history">
            {view.history
              .filter((e) => e.name !== 'Approval')
              .map((e) => (
                <li key={`${e.txHash}-${e.logIndex}`}>
                  {describeEvent(e.name, e.args, currency, { names, tokens })}{' '}
                  <span className="muted">block {e.blockNumber}</span>
                </li>
              ))}
          </ol>
        </section>
      )}
    </>
  );
}
