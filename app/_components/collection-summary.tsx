'use client';

import { useReadContracts } from 'wagmi';
import { useMotifContract } from '../_hooks/use-motif-contract';

/** Reads the track collection through wagmi with the generated ABI: name, symbol and royalty cap. */
export function CollectionSummary() {
  const collection = useMotifContract('TrackCollection');
  const { data, status, error } = useReadContracts({
    contracts: collection
      ? ([
          { ...collection, functionName: 'name' },
          { ...collection, functionName: 'symbol' },
          { ...collection, functionName: 'MAX_ROYALTY_BPS' },
        ] as const)
      : [],
    allowFailure: false,
    query: { enabled: collection !== null },
  });
  if (!collection) return <p>No contracts are recorded for this chain.</p>;
  if (status === 'pending') return <p aria-busy="true">Reading the track collection…</p>;
  if (status === 'error') return <p role="alert">Could not read the track collection: {error.message}</p>;
  const [name, symbol, maxRoyaltyBps] = data;
  return (
    <dl className="collection" data-testid="collection-summary">
      <dt>Collection</dt>
      <dd>
        {name} ({symbol}) at <code>{collection.address}</code>
      </dd>
      <dt>Royalty cap</dt>
      <dd>{Number(maxRoyaltyBps) / 100}%</dd>
    </dl>
  );
}
