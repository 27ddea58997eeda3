import type { EditionView } from '../../../../lib/editions/edition-view';
import { shortHex } from '../../../../lib/format/short-hex';

/** The collectors wall: edition numbers, collector (full address in the link's title) and comment, newest first. */
export function CollectorsWall({ wall, headingId }: { wall: EditionView['wall']; headingId: string }) {
  return (
    <>
      <h3 id={headingId}>Collectors</h3>
      {wall.length === 0 ? (
        <p className="muted">No copies collected yet: be the first.</p>
      ) : (
        <ol aria-labelledby={headingId} className="collectors-wall" data-testid="collectors-wall">
          {wall.map((w) => (
            <li key={`${w.txHash}-${w.firstNumber}`}>
              <strong>
                #{w.firstNumber}
                {w.quantity > 1 ? `–${w.firstNumber + w.quantity - 1}` : ''}
              </strong>{' '}
              <a href={`/profiles/${w.collector}`} title={w.collector}>
                {shortHex(w.collector)}
              </a>
              {w.kind === 'airdrop' ? <span className="muted"> (airdrop)</span> : null}
              {w.comment && (
                <>
                  {' '}
                  — <q>{w.comment}</q>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
