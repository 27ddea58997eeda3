import { SPLIT_SHARE_SCALE } from '../../../lib/splits';
import type { TrackView } from '../../../lib/tracks/track-page';
import { AccountName, type PeopleLike } from '../../_components/account-name';

/** The royalty on resales and, when it goes to a split, its payees and shares (a minted track only). */
export function RoyaltySection({ view, people }: { view: TrackView; people: PeopleLike }) {
  const { track } = view;
  return (
    <>
      {track && (
        <section aria-labelledby="royalty-heading">
          <h2 id="royalty-heading">Royalty</h2>
          <p>
            {track.royaltyBps / 100}% of every resale to <AccountName address={track.royaltyReceiver} people={people} />
            {view.split ? ', a split:' : '.'}
          </p>
          {view.split && (
            <table>
              <caption>Split recipients</caption>
              <thead>
                <tr>
                  <th scope="col">Payee</th>
                  <th scope="col">Share</th>
                </tr>
              </thead>
              <tbody>
                {view.split.accounts.map((a, i) => (
                  <tr key={a}>
                    <td>
                      <AccountName address={a} people={people} />
                    </td>
                    <td>{((view.split!.shares[i] ?? 0) / (SPLIT_SHARE_SCALE / 100)).toFixed(2)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
