'use client';

import { useId } from 'react';
import type { MintDraft } from '../../lib/mint/draft';
import type { PinProgress } from '../../lib/mint/run';
import { completedSteps, STEP_LABELS, stepsFor, type MintStep } from '../../lib/mint/steps';
import { VoucherShortLink } from './voucher-short-link';

export type StepListProps = {
  draft: MintDraft;
  active: MintStep | null;
  running: boolean;
  pinProgress: PinProgress | null;
};

/** The steps with their state (done, failed, active, to do), the failure's message, and what finished. */
export function StepList({ draft, active, running, pinProgress }: StepListProps) {
  const id = useId();
  const done = completedSteps(draft);
  const { pinned, minted, voucher } = draft.progress;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>Steps</h2>
      <ol className="steps">
        {stepsFor(draft.details.mode).map((s) => {
          const state = done.includes(s)
            ? 'done'
            : draft.failure?.step === s
              ? 'failed'
              : active === s
                ? 'active'
                : 'todo';
          return (
            <li key={s} data-state={state} data-step={s}>
              {STEP_LABELS[s]} <span className="muted">({state === 'todo' ? 'to do' : state})</span>
              {s === 'pin' && active === 'pin' && pinProgress && (
                <label>
                  {' '}
                  {pinProgress.phase === 'encode' ? 'Encoding the MP3 streaming copy' : 'Upload progress'}{' '}
                  <progress
                    max={pinProgress.total || 1}
                    value={pinProgress.loaded}
                    aria-valuetext={`${Math.round((pinProgress.loaded / (pinProgress.total || 1)) * 100)}%`}
                  />
                </label>
              )}
            </li>
          );
        })}
      </ol>
      {draft.failure && !running && (
        <p role="alert" data-testid="mint-error">
          {draft.failure.message}
        </p>
      )}
      {pinned && (
        <p>
          Pinned folder: <code>{pinned.cid}</code>
        </p>
      )}
      {minted && (
        <p role="status">
          Minted token <a href={`/tracks/${minted.tokenId}`}>{minted.tokenId}</a> in block {minted.blockNumber}.
        </p>
      )}
      {voucher && (
        <div>
          <p role="status">
            Voucher signed. Share its link: the first collector who opens it mints the track and pays its price.{' '}
            <a download="motif-voucher.json" href={`data:application/json,${encodeURIComponent(voucher.json)}`}>
              Download the voucher
            </a>
          </p>
          {pinned && <VoucherShortLink tokenId={pinned.tokenId} json={voucher.json} />}
        </div>
      )}
    </section>
  );
}
