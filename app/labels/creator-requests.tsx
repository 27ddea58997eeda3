'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import type { CatalogueRequestView } from '../../lib/labels/request-queries';
import { api } from './api-client';

/**
 * The signed-in creator's side of catalogue consent: the labels asking to add one of their tracks, each with
 * Accept and Decline (POST /api/labels/requests/:id; only the track's creator may decide, once).
 */
export function CreatorRequests({ signedInAs }: { signedInAs: string }) {
  const queryClient = useQueryClient();
  const requests = useQuery({
    queryKey: ['catalogue-requests', signedInAs],
    queryFn: () => api<{ requests: CatalogueRequestView[] }>('/api/labels/requests'),
    refetchInterval: 5000,
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'accept' | 'decline'; title: string }) =>
      api<{ status: string }>(`/api/labels/requests/${id}`, { method: 'POST', body: { decision } }),
    onSettled: () => queryClient.invalidateQueries(),
  });
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests for your tracks</h2>
      {requests.isPending ? (
        <p role="status">Loading requests…</p>
      ) : requests.error ? (
        <p role="alert">{requests.error.message}</p>
      ) : requests.data.requests.length === 0 ? (
        <p>No label is asking for your tracks.</p>
      ) : (
        <ul aria-label="Label requests for your tracks">
          {requests.data.requests.map((r) => {
            const title = r.title ?? `token ${r.tokenId}`;
            return (
              <li key={r.id}>
                <strong>{r.labelName}</strong> asks to add <Link href={`/tracks/${r.tokenId}`}>{title}</Link> to its
                catalogue.{' '}
                <button
                  type="button"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ id: r.id, decision: 'accept', title })}
                  aria-label={`Accept ${r.labelName}’s request for ${title}`}
                >
                  Accept
                </button>{' '}
                <button
                  type="button"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ id: r.id, decision: 'decline', title })}
                  aria-label={`Decline ${r.labelName}’s request for ${title}`}
                >
                  Decline
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div aria-live="polite">
        {decide.error ? (
          <p role="alert">{decide.error.message}</p>
        ) : decide.data ? (
          <p role="status">
            {decide.variables?.title}:{' '}
            {decide.data.status === 'accepted' ? 'accepted, now in the catalogue' : 'declined'}.
          </p>
        ) : null}
      </div>
    </section>
  );
}
