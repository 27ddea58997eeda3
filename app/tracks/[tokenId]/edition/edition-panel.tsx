'use client';

import { useId } from 'react';
import { getAddress, isAddress, type Address } from 'viem';
import { useConnection, useReadContract } from 'wagmi';
import { countdown } from '../../../../lib/editions/api-answers';
import type { EditionView } from '../../../../lib/editions/edition-view';
import { activePhase, nextPhase } from '../../../../lib/editions/schedule';
import { useMotifContract } from '../../../_hooks/use-motif-contract';
import { ApproveCollector } from './approve-collector';
import { CollectForm } from './collect-form';
import { CollectorsWall } from './collectors-wall';
import { ReferralLink } from './referral-link';
import { useChainNow } from './use-chain-now';
import { usePhaseCurrency } from './use-phase-currency';

const MODE_LABEL = {
  public: 'Public sale',
  allowlist: 'Presale (allowlist)',
  signature: 'Approved collectors only',
} as const;

/** One edition on the track page: copies minted / cap, the phase selling now with a countdown, Collect, the wall. */
export function EditionPanel({
  tokenId,
  edition,
  refParam,
}: {
  tokenId: string;
  edition: EditionView;
  refParam: string | null;
}) {
  const connection = useConnection();
  const editions = useMotifContract('Editions');
  const now = useChainNow();
  const ids = useId();
  const viewer = connection.address;
  // A referrer named in the link, unless it is the viewer (the contract refuses self-referral).
  const referrer: Address | null =
    refParam && isAddress(refParam, { strict: false }) && getAddress(refParam) !== viewer ? getAddress(refParam) : null;
  const activeIndex = activePhase(edition.phases, now);
  const active = activeIndex === null ? null : edition.phases[activeIndex]!;
  const upcomingIndex = nextPhase(edition.phases, now);
  const upcoming = upcomingIndex === null ? null : edition.phases[upcomingIndex]!;
  const shown = active ?? upcoming;
  const { format } = usePhaseCurrency(shown?.currency ?? null);
  const soldOut = edition.maxSupply > 0 && edition.minted >= edition.maxSupply;
  const closed = edition.closeAt > 0 && now >= edition.closeAt;
  const signer = useReadContract({
    ...(editions ?? { address: undefined, abi: undefined }),
    functionName: 'signerOf',
    args: [edition.creator],
    query: { enabled: editions !== null },
  });
  const signaturePhases = edition.phases.filter((p) => p.mode === 'signature' && p.end > now);
  const canApprove =
    viewer !== undefined && (viewer === edition.creator || (signer.data !== undefined && viewer === signer.data));

  return (
    <div className="edition" data-testid="edition" data-edition-id={edition.editionId}>
      <p>
        <strong data-testid="edition-minted">
          {edition.minted} / {edition.maxSupply > 0 ? edition.maxSupply : '∞'}
        </strong>{' '}
        copies collected
        {edition.closeAt > 0 && <> · {closed ? 'closed' : `closes in ${countdown(edition.closeAt - now)}`}</>}
        {edition.referralBps > 0 && <> · referrers earn {edition.referralBps / 100}%</>}
      </p>
      {soldOut || closed ? (
        <p role="status">{soldOut ? 'Sold out.' : 'This edition is closed.'}</p>
      ) : active ? (
        <p role="status" data-testid="edition-phase">
          {MODE_LABEL[active.mode]} (phase {active.phase + 1}) · {format(active.priceWei)} per copy · ends in{' '}
          <span aria-live="off">{countdown(active.end - now)}</span>
          {active.walletCap > 0 && <> · at most {active.walletCap} per wallet</>}
        </p>
      ) : upcoming ? (
        <p role="status" data-testid="edition-phase">
          {MODE_LABEL[upcoming.mode]} (phase {upcoming.phase + 1}) opens in {countdown(upcoming.start - now)} at{' '}
          {format(upcoming.priceWei)} per copy.
        </p>
      ) : (
        <p role="status">No sale phase is open.</p>
      )}

      {active && !soldOut && !closed && (
        <CollectForm edition={edition} phase={active} viewer={viewer} referrer={referrer} format={format} />
      )}

      {canApprove && editions && signaturePhases.length > 0 && (
        <ApproveCollector edition={edition} phases={signaturePhases} editions={editions.address} now={now} />
      )}

      {viewer && edition.referralBps > 0 && (
        <ReferralLink tokenId={tokenId} viewer={viewer} referralBps={edition.referralBps} />
      )}

      <CollectorsWall wall={edition.wall} headingId={`${ids}-wall`} />
    </div>
  );
}
