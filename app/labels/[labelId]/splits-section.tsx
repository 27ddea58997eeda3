'use client';

import { CreateSplit } from './create-split';
import type { LabelData } from './label-dashboard';
import { SplitCard } from './split-card';
import type { Chain } from './split-status';

export function SplitsSection({ data, chain, canManage }: { data: LabelData; chain: Chain; canManage: boolean }) {
  return (
    <section id="splits" aria-labelledby="splits-heading">
      <h2 id="splits-heading">Splits</h2>
      {chain.readError ? <p role="alert">Could not read splits from the chain: {chain.readError.message}</p> : null}
      {data.splits.length === 0 ? (
        <p>
          No splits yet. A split appears here once the indexer has seen it and a catalogue track pays into it (or it was
          created here).
        </p>
      ) : null}
      {data.splits.map((s) => (
        <SplitCard key={s.split} data={data} split={s} chain={chain} canManage={canManage} />
      ))}
      {canManage ? <CreateSplit data={data} chain={chain} /> : null}
    </section>
  );
}
