'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { CatalogueOutcome } from '../../../lib/labels/catalogue-requests';
import type { LabelData } from './label-dashboard';
import { Person } from './person';
import { useLabelMutation } from './use-label-mutation';

function outcomeText(results: CatalogueOutcome[]): string {
  const count = (o: CatalogueOutcome['outcome']) => results.filter((r) => r.outcome === o).length;
  const parts = [
    count('added') ? `${count('added')} added (the label controls the split)` : '',
    count('requested') ? `${count('requested')} requested: waiting for the creator to accept` : '',
    count('already') ? `${count('already')} already in the catalogue` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('; ')}.` : 'Nothing to add.';
}

/**
 * The catalogue, the requests still waiting for their creators, and the form to add a track: added directly when
 * the label controls its split, otherwise sent to its creator as a request (lib/labels/catalogue-requests.ts).
 */
export function CatalogueTab({ data, canManage }: { data: LabelData; canManage: boolean }) {
  const m = useLabelMutation(data.id);
  const [what, setWhat] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const add = () => {
    const v = what.trim();
    const body = /^0x/i.test(v) ? { creator: v } : { tokenId: v };
    setDone(null);
    m.mutate(
      { path: '/catalogue', method: 'POST', body },
      {
        onSuccess: (r) => {
          setWhat('');
          setDone(outcomeText((r as { results: CatalogueOutcome[] }).results));
        },
      },
    );
  };
  const pending = data.requests.filter((r) => r.status === 'pending');
  const declined = data.requests.filter((r) => r.status === 'declined');
  return (
    <section aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">Catalogue</h2>
      {data.catalogue.length === 0 ? (
        <p>No tracks yet.</p>
      ) : (
        <ul aria-label="Tracks in the catalogue">
          {data.catalogue.map((t) => (
            <li key={t.tokenId} data-token-id={t.tokenId}>
              <Link href={`/tracks/${t.tokenId}`}>{t.title ?? '(untitled)'}</Link> by{' '}
              <Person address={t.creator} people={data} /> · royalty {t.royaltyBps / 100}%{' '}
              {canManage ? (
                <button
                  type="button"
                  onClick={() => m.mutate({ path: '/catalogue', method: 'DELETE', body: { tokenId: t.tokenId } })}
                  aria-label={`Remove ${t.title ?? `token ${t.tokenId}`} from the catalogue`}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3>Waiting for creators</h3>
      {pending.length === 0 ? (
        <p>No requests waiting.</p>
      ) : (
        <ul aria-label="Requests waiting for creators">
          {pending.map((r) => (
            <li key={r.id} data-token-id={r.tokenId}>
              {r.title ?? `token ${r.tokenId}`}: asked <Person address={r.creator} people={data} /> on{' '}
              <time dateTime={r.createdAt}>{new Date(r.createdAt).toLocaleDateString()}</time>
            </li>
          ))}
        </ul>
      )}
      {declined.length ? (
        <p>
          Declined by their creators: {declined.map((r) => r.title ?? `token ${r.tokenId}`).join(', ')}. A declined
          track cannot be asked for again.
        </p>
      ) : null}
      {canManage ? (
        <form
          aria-label="Add a track"

          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <p id="add-track-help">
            A track whose royalty split you (or the label&rsquo;s founder) control on-chain is added at once; any other
            track is sent to its creator, who accepts or declines. A creator address asks for each of their tracks.
          </p>
          <label htmlFor="add-track">Token id or creator address</label>{' '}
          <input
            id="add-track"
            value={what}
            onChange={(e) => setWhat(e.target.value)}
            aria-describedby="add-track-help"
            required
            spellCheck={false}
          />{' '}
          <button type="submit" disabled={m.isPending}>
            Add or request
          </button>
        </form>
      ) : null}
      <div aria-live="polite">
        {m.error ? <p role="alert">{m.error.message}</p> : done ? <p role="status">{done}</p> : null}
      </div>
    </section>
  );
}
