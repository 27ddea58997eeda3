'use client';

import Link from 'next/link';
import { useId, useMemo, useState } from 'react';
import type { Address, Hex } from 'viem';
import { useConnection } from 'wagmi';
import { parseAllowlistCsv } from '../../../lib/editions/allowlist-csv';
import { AllowlistTree } from '../../../lib/editions/allowlist-tree';
import { editionIdOf } from '../../../lib/editions/edition-id';
import { MAX_PHASES, validateSchedule } from '../../../lib/editions/schedule';
import {
  csvIssuesOf,
  newPhase,
  referralBpsOf,
  toPhaseInput,
  toSeconds,
  whole,
  type PhaseDraft,
} from '../../../lib/editions/wizard-draft';
import { formatAmount } from '../../../lib/format/amount';
import { useNativeCurrency } from '../../_hooks/use-chain-info';
import { TxStatus } from '../../tracks/[tokenId]/tx-status';
import { PhaseEditor } from './phase-editor';
import { SchedulePreview } from './schedule-preview';
import { TermsFields } from './terms-fields';
import { useCreateEdition } from './use-create-edition';

export type EditionTrack = {
  tokenId: string;
  title: string;
  creator: Address;
  contentDigest: Hex;
  manifestDigest: Hex;
  licence: number;
  royaltyReceiver: Address;
  royaltyBps: number;
};

/** The deployment's ERC-20 a phase may be priced in (absent: native only). */
export type WizardStablecoin = { address: Address; symbol: string; decimals: number };

/** The edition wizard: terms, phase editors (allowlist CSV checked and hashed here), schedule preview, create. */
export function EditionWizard({ track, stablecoin }: { track: EditionTrack; stablecoin: WizardStablecoin | null }) {
  const connection = useConnection();
  const native = useNativeCurrency();
  const ids = useId();
  const hour = Math.floor(Date.now() / 3_600_000) * 3600 + 3600;
  const [maxSupplyText, setMaxSupplyText] = useState('100');
  const [closeAtText, setCloseAtText] = useState('');
  const [referralText, setReferralText] = useState('5');
  const [phases, setPhases] = useState<PhaseDraft[]>(() => [
    newPhase('allowlist', hour, hour + 86_400),
    newPhase('public', hour + 86_400, hour + 8 * 86_400),
  ]);
  const viewer = connection.address;
  const { create, problem, created, tx, ready } = useCreateEdition(track, viewer);
  const isCreator = viewer !== undefined && viewer === track.creator;
  const editionId = editionIdOf(track.creator, track.contentDigest);
  const referralBps = referralBpsOf(referralText);
  const terms = { maxSupply: whole(maxSupplyText), closeAt: closeAtText ? toSeconds(closeAtText) : 0, referralBps };

  // The allowlist tree of every presale phase, built here (one file, one root for those phases).
  const tree = useMemo(() => {
    const lists = phases
      .map((p, phase) => ({ editionId, phase, addresses: p.addresses }))
      .filter((l, i) => phases[i]!.mode === 'allowlist' && l.addresses.length > 0);
    return lists.length > 0 ? AllowlistTree.build(lists) : null;
  }, [phases, editionId]);

  const decimals = { native: native.decimals, stablecoin: stablecoin?.decimals ?? native.decimals };
  const inputs = phases.map((p) => toPhaseInput(p, decimals, tree?.root ?? null));
  const currencies = phases.map((p) => (p.currency === 'stablecoin' && stablecoin ? stablecoin.address : null));
  const formats = phases.map(
    (p) => (v: bigint) => formatAmount(v, p.currency === 'stablecoin' && stablecoin ? stablecoin : native),
  );
  const issues = [
    ...validateSchedule({ ...terms, royaltyBps: track.royaltyBps }, inputs, Math.floor(Date.now() / 1000)),
    ...csvIssuesOf(phases),
  ];

  const update = (i: number, patch: Partial<PhaseDraft>) =>
    setPhases((list) => list.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const readCsv = async (i: number, file: File | undefined) => {
    if (!file) return;
    const parsed = parseAllowlistCsv(await file.text());
    update(
      i,
      parsed.ok
        ? { fileName: file.name, addresses: parsed.addresses, csvIssues: [] }
        : { fileName: file.name, addresses: [], csvIssues: parsed.issues },
    );
  };
  const addPhase = () =>
    setPhases((list) => {
      const end = toSeconds(list.at(-1)?.end ?? '');
      return [...list, newPhase('public', end, end + 86_400)];
    });

  return (
    <form
      aria-label={`Edition of ${track.title}`}
      onSubmit={(event) => {
        event.preventDefault();
        void create(terms, inputs, currencies, tree, issues.length);
      }}
    >
      <p>
        Copies of <Link href={`/tracks/${track.tokenId}`}>{track.title}</Link>: same content, licence and royalty (
        {track.royaltyBps / 100}% to the track’s split, which also receives the sales).
      </p>
      <TermsFields
        ids={ids}
        values={{ maxSupplyText, closeAtText, referralText }}
        set={{ maxSupplyText: setMaxSupplyText, closeAtText: setCloseAtText, referralText: setReferralText }}
      />
      {phases.map((p, i) => (
        <PhaseEditor
          key={i}
          index={i}
          draft={p}
          ids={ids}
          native={native}
          stablecoin={stablecoin}
          canRemove={phases.length > 1}
          update={(patch) => update(i, patch)}
          readCsv={(file) => void readCsv(i, file)}
          remove={() => setPhases((list) => list.filter((_, j) => j !== i))}
        />
      ))}
      {phases.length < MAX_PHASES && (
        <button type="button" onClick={addPhase}>
          Add a phase
        </button>
      )}
      <SchedulePreview
        ids={ids}
        inputs={inputs}
        formats={formats}
        referralBps={referralBps}
        tree={tree}
        issues={issues}
        maxSupply={terms.maxSupply}
      />
      {!viewer ? (
        <p>Connect the creator’s wallet (top right) to create the edition.</p>
      ) : !isCreator ? (
        <p role="alert">Only the track’s creator ({track.creator}) can create its edition.</p>
      ) : null}
      <button type="submit" disabled={!isCreator || !ready || tx.busy || issues.length > 0 || created}>
        Create edition
      </button>
      {problem && <p role="alert">{problem}</p>}
      <TxStatus state={tx.state} />
      {created && (
        <p>
          Created. <Link href={`/tracks/${track.tokenId}`}>Open the track page</Link> (the edition shows once indexed).
        </p>
      )}
    </form>
  );
}
