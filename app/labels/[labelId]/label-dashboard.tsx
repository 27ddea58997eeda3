'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Suspense } from 'react';
import type { Address } from 'viem';
import type { LabelDetail, SplitView } from '../../../lib/labels/queries';
import type { CatalogueRequestView } from '../../../lib/labels/request-queries';
import { useSiwe } from '../../_hooks/use-siwe';
import { api } from '../api-client';
import { AuditTab } from './audit-tab';
import { CatalogueTab } from './catalogue-tab';
import { EarningsSection } from './earnings-section';
import { MembersTab } from './members-tab';
import { SplitsSection } from './splits-section';
import { Statement } from './statement';
import { LabelTabs } from './tabs';
import { useSplitChain } from './use-split-chain';
import styles from './dashboard.module.css';

export type LabelData = LabelDetail & {
  chainId: number;
  splitMain: Address | null;
  splits: SplitView[];
  requests: CatalogueRequestView[];
  /** Profile display names by checksummed address. */
  names: Record<string, string>;
  /** Uploaded avatar URLs by checksummed address (the others show the generated avatar). */
  avatars: Record<string, string>;
};

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

/** The label's heading and its five tabs (the selected one in ?tab=). */
function Dashboard({ data }: { data: LabelData }) {
  const chain = useSplitChain(data.splits);
  const canManage = data.role !== 'viewer';
  return (
    <article aria-labelledby="label-heading" className={styles.dashboard}>
      <h1 id="label-heading">{data.name}</h1>
      <p>
        Your role: <strong>{data.role}</strong>. <Link href="/labels">All labels</Link>
      </p>
      <Suspense fallback={<p role="status">Loading…</p>}>
        <LabelTabs
          render={(tab) =>
            tab === 'catalogue' ? (
              <CatalogueTab data={data} canManage={canManage} />
            ) : tab === 'splits' ? (
              <SplitsSection data={data} chain={chain} canManage={canManage} />
            ) : tab === 'earnings' ? (
              <>
                <EarningsSection data={data} chain={chain} canManage={canManage} />
                <Statement labelId={data.id} />
              </>
            ) : tab === 'members' ? (
              <MembersTab data={data} />
            ) : (
              <AuditTab labelId={data.id} />
            )
          }
        />
      </Suspense>
    </article>
  );
}
