'use client';

/**
 * The mint flow (client): the studio's draft (IndexedDB), its details, licence, royalty and split, the fee before
 * any signature, then the resumable step machine (lib/mint/run.ts) with the connected wallet: sign the manifest ->
 * pin -> create the split (when new) -> mint -> confirmations, or sign a lazy-mint voucher. Every step's output and
 * any failure are saved in the draft, so "Retry" (or a reload) resumes at the failed step. The chain effects live
 * in lib/mint (one action per file); this component only wires hooks and panels.
 */
import { useId, useMemo, type FormEvent } from 'react';
import { useChainId, useConfig, useConnection } from 'wagmi';
import type { MintContracts } from '../../lib/mint/contracts';
import { detailErrors } from '../../lib/mint/detail-errors';
import { completedSteps, nextStep, STEP_LABELS } from '../../lib/mint/steps';
import { editedMusic } from '../../lib/provenance/edited-music';
import { useNativeCurrency, useStablecoin } from '../_hooks/use-chain-info';
import { useMotifContract } from '../_hooks/use-motif-contract';
import { CoverField } from './cover-field';
import { DetailsFields } from './details-fields';
import { FeePreview } from './fee-preview';
import { useFieldErrors } from './field-errors';
import { PublishMode } from './publish-mode';
import { SplitFields } from './split-fields';
import { StepList } from './step-list';
import { useFeeEstimate } from './use-fee-estimate';
import { useMintDraft } from './use-mint-draft';
import { useMintRun } from './use-mint-run';

export function MintFlow() {
  const config = useConfig();
  const chainId = useChainId();
  const creator = useConnection().address;
  const collection = useMotifContract('TrackCollection');
  const splitMain = useMotifContract('SplitMain');
  const contracts: MintContracts | null = useMemo(
    () => (collection && splitMain ? { collection: collection.address, splitMain: splitMain.address } : null),
    [collection, splitMain],
  );
  const { draft, setDraft, loaded, loadError, change, setCover } = useMintDraft(creator);
  const currency = useNativeCurrency();
  const stablecoin = useStablecoin();
  const errors = useMemo(
    () => (draft ? detailErrors(draft.details, currency, stablecoin) : []),
    [draft, currency, stablecoin],
  );
  const fieldErrors = useFieldErrors(errors);
  const run = useMintRun(chainId, setDraft);
  const estimate = useFeeEstimate({ draft, account: creator, contracts, enabled: errors.length === 0 && !run.running });
  const summaryId = useId();
  const symbol = config.chains.find((c) => c.id === chainId)?.nativeCurrency.symbol ?? 'ETH';

  if (!loaded) return <p>Loading the draft…</p>;
  if (!draft) {
    return (
      <div>
        <p role="alert">{loadError}</p>
        <p>
          Compose and render a track in the <a href="/studio">studio</a>, then press Publish.
        </p>
      </div>
    );
  }

  const d = draft.details;
  const started = completedSteps(draft).length > 0 || draft.failure !== undefined;
  const next = nextStep(draft);
  const locked = run.running || next === 'done';
  const ready = !!creator && !!contracts && errors.length === 0 && !!estimate.fee;
  const start = (e: FormEvent) => {
    e.preventDefault();
    if (ready && !run.running) void run.start(draft, creator, contracts);
  };
  const session = draft.session;
  const music = editedMusic(session.request, session.ops);

  return (
    <form onSubmit={start} aria-describedby={summaryId} noValidate>
      <p id={summaryId}>
        From the studio: {session.request.bars} bars in {music.keyLabel} at {music.bpm} BPM (after the edits), model{' '}
        {session.request.modelId}, seed {session.request.seed}, {session.ops.length} edit
        {session.ops.length === 1 ? '' : 's'}; {(draft.wav.byteLength / 1048576).toFixed(2)} MB WAV.
      </p>
      <DetailsFields details={d} change={change} errors={fieldErrors} creator={creator} disabled={locked} />
      <CoverField cover={draft.cover} setCover={setCover} disabled={locked} />
      <SplitFields details={d} change={change} errors={fieldErrors} disabled={locked} />
      <PublishMode
        details={d}
        change={change}
        errors={fieldErrors}
        disabled={locked}
        symbol={symbol}
        stablecoin={stablecoin}
      />
      <FeePreview
        estimate={estimate}
        connected={!!creator}
        deployed={!!contracts}
        formValid={errors.length === 0}
        symbol={symbol}
      />
      <StepList draft={draft} active={run.active} running={run.running} pinProgress={run.pinProgress} />
      {next !== 'done' && (
        <button type="submit" disabled={run.running || !ready}>
          {run.running
            ? 'Working…'
            : draft.failure
              ? `Retry from “${STEP_LABELS[next]}”`
              : started
                ? `Resume from “${STEP_LABELS[next]}”`
                : d.mode === 'voucher'
                  ? 'Sign and publish the voucher'
                  : 'Sign, pin and mint'}
        </button>
      )}
    </form>
  );
}
