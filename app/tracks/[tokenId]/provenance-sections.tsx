import Link from 'next/link';
import { LICENCES } from '../../../lib/contracts/licences';
import { presetForChainId } from '../../../lib/config/chains';
import { ORIGIN_NOTE } from '../../../lib/provenance/origin-link';
import type { TrackView } from '../../../lib/tracks/track-page';

/** The AI disclosure, the origin on another chain (when re-minted) and the provenance from the signed manifest. */
export function ProvenanceSections({ view }: { view: TrackView }) {
  const { track, provenance: p } = view;
  return (
    <>
      {p && (
        <section aria-labelledby="disclosure-heading" className="ai-disclosure" data-testid="ai-disclosure">
          <h2 id="disclosure-heading">AI disclosure: {p.disclosure.label}</h2>
          <p>
            <strong>What the model did:</strong> {p.disclosure.model}
          </p>
          <p>
            <strong>What the person did:</strong> {p.disclosure.personLine}
          </p>
        </section>
      )}

      {p?.origin && (
        <section aria-labelledby="origin-heading" data-testid="track-origin">
          <h2 id="origin-heading">First minted on another chain</h2>
          <p>
            First minted as token <code>{p.origin.tokenId}</code> of <code>{p.origin.contract}</code> on chain{' '}
            {p.origin.chainId}
            {presetForChainId(p.origin.chainId) ? ` (${presetForChainId(p.origin.chainId)?.chain.name})` : ''}.
          </p>
          <p className="muted">{ORIGIN_NOTE}</p>
        </section>
      )}

      <section aria-labelledby="provenance-heading">
        <h2 id="provenance-heading">Provenance</h2>
        {p ? (
          <dl>
            <dt>Model</dt>
            <dd>
              {p.modelId} <span className="muted">(weights {p.weightsCid.slice(0, 16)}…)</span>
            </dd>
            <dt>Seed</dt>
            <dd>
              <code>{p.seed}</code> · temperature {p.temperature} · {p.sampler}
            </dd>
            <dt>Generation</dt>
            <dd>
              {p.bars} bars in {p.key} at {p.tempo} BPM; after the edits: {p.disclosure.now}
            </dd>
            <dt>Human edits</dt>
            <dd>
              {p.edits.total === 0
                ? 'none'
                : `${p.edits.total} (${Object.entries(p.edits.byKind)
                    .map(([kind, n]) => `${n} ${kind}`)
                    .join(', ')})`}
            </dd>
            <dt>AI disclosure</dt>
            <dd>
              {p.humanEdited
                ? 'Composite with trained algorithmic media (AI output edited by a person)'
                : 'Trained algorithmic media (AI output, no human edits)'}{' '}
              — <a href={p.digitalSourceType}>IPTC digital source type</a>
            </dd>
            <dt>Created</dt>
            <dd>{new Date(p.createdAt).toUTCString()}</dd>
          </dl>
        ) : (
          <p className="muted">The signed manifest is not available from this node’s IPFS store.</p>
        )}
        {track && <p>Licence: {LICENCES[track.licence] ?? `#${track.licence}`}</p>}
        <p>
          <Link className="button" href={`/verify?id=${view.tokenId}`}>
            Verify this track
          </Link>{' '}
          — replays the generation and checks every file, the signature and the chain record.
        </p>
      </section>
    </>
  );
}
