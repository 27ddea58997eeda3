'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useSiwe } from '../_hooks/use-siwe';
import { api } from './api-client';
import { CreatorRequests } from './creator-requests';

type LabelSummary = { id: string; name: string; role: string; createdAt: string };

export function LabelsHome() {
  const { signedInAs, session } = useSiwe();
  const queryClient = useQueryClient();
  const labels = useQuery({
    queryKey: ['labels', signedInAs],
    enabled: !!signedInAs,
    queryFn: () => api<{ labels: LabelSummary[] }>('/api/labels'),
  });
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: (n: string) => api<{ id: string }>('/api/labels', { method: 'POST', body: { name: n } }),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['labels'] });
    },
  });
  if (session.isPending) return <p role="status">Checking your session…</p>;
  if (!signedInAs)
    return <p role="status">Not signed in. Connect a wallet and choose “Sign in with Ethereum” in the header.</p>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name);
  };
  return (
    <>
      <CreatorRequests signedInAs={signedInAs} />
      <h2>Your labels</h2>
      {labels.isPending ? (
        <p role="status">Loading…</p>
      ) : labels.error ? (
        <p role="alert">{labels.error.message}</p>
      ) : labels.data.labels.length === 0 ? (
        <p>You are not a member of any label yet.</p>
      ) : (
        <ul aria-label="Your labels">
          {labels.data.labels.map((l) => (
            <li key={l.id}>
              <Link href={`/labels/${l.id}`}>{l.name}</Link> — {l.role}
            </li>
          ))}
        </ul>
      )}
      <h2>Create a label</h2>
      <form onSubmit={submit}>
        <label htmlFor="label-name">Label name</label>{' '}
        <input
          id="label-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          minLength={2}
          maxLength={120}
          required
        />{' '}
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create label'}
        </button>
      </form>
      <div aria-live="polite">
        {create.error ? <p role="alert">{create.error.message}</p> : null}
        {create.data ? (
          <p role="status">
            Created. <Link href={`/labels/${create.data.id}`}>Open the label</Link>
          </p>
        ) : null}
      </div>
    </>
  );
}
