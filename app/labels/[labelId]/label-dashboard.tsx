'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { Address } from 'viem';
import { shortHex } from '../../../lib/format/short-hex';
import type { AuditView, LabelDetail, SplitView } from '../../../lib/labels/queries';
import { useSiwe } from '../../_hooks/use-siwe';
import { api } from '../api-client';
import { EarningsSection } from './earnings-section';
import { SplitsSection } from './splits-section';
import { useSplitChain } from './use-split-chain';

export type LabelData = LabelDetail & { chainId: number; splitMain: Address | null; splits: SplitView[] };
const ROLES = ['owner', 'manager', 'viewer'] as const;

export function LabelDashboard({ labelId }: { labelId: string }) {
  const { signedInAs, session } = useSiwe();
  const label = useQuery({
    queryKey: ['label', labelId, signedInAs],
    enabled: !!signedInAs,
    queryFn: () => api<LabelData>(`/api/labels/${labelId}`),
    refetchInterval: 4000,
  });
  if (session.isPending) return <p role="status">Checking your session…</p>;
  if (!signedInAs)
    return <p role="status">Not signed in. Connect a wallet and choose “Sign in with Ethereum” in the header.</p>;
  if (label.isPending) return <p role="status">Loading the label…</p>;
  if (label.error) return <p role="alert">{label.error.message}</p>;
  return <Dashboard data={label.data} />;
}

function useLabelMutation(labelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: string; body: unknown }) =>
      api<unknown>(`/api/labels/${labelId}${path}`, { method, body }),
    onSettled: () => queryClient.invalidateQueries(),
  });
}

function Dashboard({ data }: { data: LabelData }) {
  const chain = useSplitChain(data.splits);
  const canManage = data.role !== 'viewer';
  return (
    <article aria-labelledby="label-heading">
      <h1 id="label-heading">{data.name}</h1>
      <p>
        Your role: <strong>{data.role}</strong>. <Link href="/labels">All labels</Link>
      </p>
      <nav aria-label="Label sections">
        <a href="#members">Members</a> · <a href="#catalogue">Catalogue</a> · <a href="#splits">Splits</a> ·{' '}
        <a href="#earnings">Earnings</a> · <a href="#statement">Statement</a> · <a href="#audit">Audit log</a>
      </nav>
      <Members data={data} />
      <Catalogue data={data} canManage={canManage} />
      <SplitsSection data={data} chain={chain} canManage={canManage} />
      <EarningsSection data={data} chain={chain} canManage={canManage} />
      <Statement labelId={data.id} />
      <Audit labelId={data.id} />
    </article>
  );
}

function Members({ data }: { data: LabelData }) {
  const m = useLabelMutation(data.id);
  const [address, setAddress] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('manager');
  const isOwner = data.role === 'owner';
  const invite = (e: FormEvent) => {
    e.preventDefault();
    m.mutate({ path: '/members', method: 'POST', body: { address, role } }, { onSuccess: () => setAddress('') });
  };
  return (
    <section id="members" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <table>
        <caption>Members and roles</caption>
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Role</th>
            {isOwner ? <th scope="col">Owner tools</th> : null}
          </tr>
        </thead>
        <tbody>
          {data.members.map((member) => (
            <tr key={member.address}>
              <td>
                <code>{member.address}</code>
              </td>
              <td>{member.role}</td>
              {isOwner ? (
                <td>
                  <select
                    aria-label={`Role of ${member.address}`}
                    defaultValue={member.role}
                    onChange={(e) =>
                      m.mutate({
                        path: '/members',
                        method: 'PATCH',
                        body: { address: member.address, role: e.target.value },
                      })
                    }
                    disabled={m.isPending}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>{' '}
                  <button
                    type="button"
                    onClick={() => m.mutate({ path: '/members', method: 'DELETE', body: { address: member.address } })}
                    disabled={m.isPending}
                    aria-label={`Remove member ${member.address}`}
                  >
                    Remove
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {isOwner ? (
        <form onSubmit={invite} aria-label="Invite a member">
          <label htmlFor="invite-address">Member address</label>{' '}
          <input
            id="invite-address"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            size={44}
            required
            spellCheck={false}
          />{' '}
          <label htmlFor="invite-role">Role</label>{' '}
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>{' '}
          <button type="submit" disabled={m.isPending}>
            Invite member
          </button>
        </form>
      ) : null}
      <div aria-live="polite">
        {m.error ? <p role="alert">{m.error.message}</p> : m.isSuccess ? <p role="status">Members updated.</p> : null}
      </div>
    </section>
  );
}

function Catalogue({ data, canManage }: { data: LabelData; canManage: boolean }) {
  const m = useLabelMutation(data.id);
  const [tokenId, setTokenId] = useState('');
  const [creator, setCreator] = useState('');
  return (
    <section id="catalogue" aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">Catalogue</h2>
      {data.catalogue.length === 0 ? (
        <p>No tracks yet.</p>
      ) : (
        <table>
          <caption>Tracks in the catalogue</caption>
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">Title</th>
              <th scope="col">Creator</th>
              <th scope="col">Royalty receiver</th>
              <th scope="col">Royalty</th>
              {canManage ? <th scope="col">Manage</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.catalogue.map((t) => (
              <tr key={t.tokenId}>
                <td>
                  <Link href={`/tracks/${t.tokenId}`}>{shortHex(t.tokenId)}</Link>
                </td>
                <td>{t.title ?? '(untitled)'}</td>
                <td>
                  <code>{t.creator}</code>
                </td>
                <td>
                  <code>{t.royaltyReceiver}</code>
                </td>
                <td>{t.royaltyBps / 100}%</td>
                {canManage ? (
                  <td>
                    <button
                      type="button"
                      onClick={() => m.mutate({ path: '/catalogue', method: 'DELETE', body: { tokenId: t.tokenId } })}
                      aria-label={`Remove token ${t.tokenId} from the catalogue`}
                    >
                      Remove
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage ? (
        <>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              m.mutate(
                { path: '/catalogue', method: 'POST', body: { tokenId: tokenId.trim() } },
                { onSuccess: () => setTokenId('') },
              );
            }}
          >
            <label htmlFor="add-token">Token id</label>{' '}
            <input
              id="add-token"
              value={tokenId}
              onChange={(e) => setTokenId(e.target.value)}
              inputMode="numeric"
              required
            />{' '}
            <button type="submit">Add by token id</button>
          </form>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              m.mutate(
                { path: '/catalogue', method: 'POST', body: { creator: creator.trim() } },
                { onSuccess: () => setCreator('') },
              );
            }}
          >
            <label htmlFor="add-creator">Creator address</label>{' '}
            <input
              id="add-creator"
              value={creator}
              onChange={(e) => setCreator(e.target.value)}
              size={44}
              required
              spellCheck={false}
            />{' '}
            <button type="submit">Add all tracks of creator</button>
          </form>
        </>
      ) : null}
      <div aria-live="polite">
        {m.error ? <p role="alert">{m.error.message}</p> : m.isSuccess ? <p role="status">Catalogue updated.</p> : null}
      </div>
    </section>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

function Statement({ labelId }: { labelId: string }) {
  const [from, setFrom] = useState(() => `${today().slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const href = `/api/labels/${labelId}/statement?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return (
    <section id="statement" aria-labelledby="statement-heading">
      <h2 id="statement-heading">Statement</h2>
      <p>
        A CSV of every primary sale, resale royalty, distribution, payee credit and withdrawal in the period (UTC days,
        both included); each row names its transaction hash and log index.
      </p>
      <label htmlFor="statement-from">From</label>{' '}
      <input id="statement-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />{' '}
      <label htmlFor="statement-to">To</label>{' '}
      <input id="statement-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />{' '}
      <a href={href} download={`statement-${from}-to-${to}.csv`}>
        Download CSV statement
      </a>
    </section>
  );
}

function Audit({ labelId }: { labelId: string }) {
  const audit = useQuery({
    queryKey: ['label-audit', labelId],
    queryFn: () => api<{ entries: AuditView[] }>(`/api/labels/${labelId}/audit`),
    refetchInterval: 5000,
  });
  return (
    <section id="audit" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      {audit.error ? (
        <p role="alert">{audit.error.message}</p>
      ) : (
        <ol aria-label="Who did what, newest first">
          {(audit.data?.entries ?? []).map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</time> <code>{e.actor}</code> {e.action}{' '}
              <code>{JSON.stringify(e.details)}</code>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
