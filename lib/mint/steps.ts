/**
 * The mint step machine (pure). Steps run in order; each finished step stores its output in the draft, a failed
 * step stores a classified failure and nothing else, so `nextStep` after a failure is the failed step again (resume),
 * and changing the details drops exactly the outputs that depended on what changed.
 *
 *   mint:    sign (manifest, EIP-712) -> pin (folder) -> split (SplitMain.createSplit, when new) -> mint (tx sent) -> confirm
 *   voucher: sign -> pin -> split -> voucher (EIP-712 lazy-mint voucher)
 */
import { ZodError } from 'zod';
import { BaseError, findError } from '../errors';
import { classifyWalletError, revertReason, shortMessageOf } from '../errors/wallet';
import { InvalidManifestError } from '../provenance/errors';
import type { DraftFailure, DraftProgress, FailureKind, MintDetails, MintDraft } from './draft';

export const MINT_STEPS = ['sign', 'pin', 'split', 'mint', 'confirm'] as const;
export const VOUCHER_STEPS = ['sign', 'pin', 'split', 'voucher'] as const;
export type MintStep = (typeof MINT_STEPS)[number] | (typeof VOUCHER_STEPS)[number];

export const STEP_LABELS: Record<MintStep, string> = {
  sign: 'Sign the manifest',
  pin: 'Pin to IPFS',
  split: 'Create the royalty split',
  mint: 'Send the mint transaction',
  confirm: 'Wait for confirmations',
  voucher: 'Sign the lazy-mint voucher',
};

export function stepsFor(mode: MintDetails['mode']): readonly MintStep[] {
  return mode === 'voucher' ? VOUCHER_STEPS : MINT_STEPS;
}

function isDone(p: DraftProgress, step: MintStep): boolean {
  switch (step) {
    case 'sign':
      return p.signed !== undefined;
    case 'pin':
      return p.pinned !== undefined;
    case 'split':
      return p.split !== undefined;
    case 'mint':
      return p.mintTx !== undefined || p.minted !== undefined;
    case 'confirm':
      return p.minted !== undefined;
    case 'voucher':
      return p.voucher !== undefined;
  }
}

/** The first unfinished step, or `done`. */
export function nextStep(d: Pick<MintDraft, 'details' | 'progress'>): MintStep | 'done' {
  return stepsFor(d.details.mode).find((s) => !isDone(d.progress, s)) ?? 'done';
}

export function completedSteps(d: Pick<MintDraft, 'details' | 'progress'>): MintStep[] {
  return stepsFor(d.details.mode).filter((s) => isDone(d.progress, s));
}

/** Records a step's output (and clears the failure). */
export function succeed(d: MintDraft, output: Partial<DraftProgress>, now: string): MintDraft {
  const { failure: _failure, ...rest } = d;
  return { ...rest, progress: { ...d.progress, ...output }, updatedAt: now };
}

/**
 * Records a failure of `step`. A reverted or dropped mint transaction forgets its hash, so the retry sends a new one;
 * everything earlier is kept.
 */
export function fail(d: MintDraft, step: MintStep, error: unknown, now: string): MintDraft {
  const failure: DraftFailure = { step, ...classifyError(step, error), at: now };
  const progress = { ...d.progress };
  if (step === 'confirm') delete progress.mintTx;
  return { ...d, progress, failure, updatedAt: now };
}

/** Which outputs each details field invalidates (the signed manifest carries the licence; metadata the title etc.). */
export function updateDetails(d: MintDraft, details: MintDetails, now: string): MintDraft {
  if (d.progress.minted || d.progress.voucher) return d; // finished: nothing to change
  const a = d.details;
  const progress: DraftProgress = { ...d.progress };
  const royaltyChanged = JSON.stringify(a.split) !== JSON.stringify(details.split);
  if (a.licence !== details.licence) {
    delete progress.signed;
    delete progress.pinned;
  }
  if (a.title !== details.title || a.description !== details.description || a.genre !== details.genre)
    delete progress.pinned;
  if (royaltyChanged) delete progress.split;
  if (!progress.pinned || royaltyChanged || a.mode !== details.mode) delete progress.mintTx;
  return { ...d, details, progress, updatedAt: now };
}

export type PinFailedErrorType = PinFailedError & { name: 'PinFailedError' };

/** The pin route answered an error status (the body's reason in `detail`). */
export class PinFailedError extends BaseError {
  override name = 'PinFailedError' as const;
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`pin failed (${status}): ${detail}`);
  }
}

const ACTION: Record<MintStep, string> = {
  sign: 'sign the manifest',
  pin: 'pin the track',
  split: 'create the split',
  mint: 'mint',
  confirm: 'confirm the mint',
  voucher: 'sign the voucher',
};

function pinReason(status: number): string {
  if (status === 413) return 'the files are too large';
  if (status === 415) return 'the audio or MIDI file is not in a supported format';
  if (status === 422) return 'the manifest was refused';
  if (status >= 500) return 'the IPFS service is unavailable';
  return 'the request was refused';
}

/** A failure kind and the message to show (what happened, what to do); wallet errors through the one classifier. */
export function classifyError(step: MintStep, error: unknown): { kind: FailureKind; message: string } {
  const pin = findError(error, PinFailedError);
  if (pin)
    return {
      kind: 'pin',
      message: `Pinning failed: ${pinReason(pin.status)} (HTTP ${pin.status}: ${pin.detail}). Nothing was minted; retry to pin again.`,
    };
  if (findError(error, ZodError) || findError(error, InvalidManifestError))
    return { kind: 'invalid', message: `Could not ${ACTION[step]}: ${shortMessageOf(error)}` };
  const f = classifyWalletError(error);
  switch (f.kind) {
    case 'rejected':
      return {
        kind: 'rejected',
        message: `You rejected the request to ${ACTION[step]} in your wallet. Nothing was ${step === 'sign' || step === 'voucher' ? 'signed' : 'sent'}; retry when ready.`,
      };
    case 'insufficient-funds':
      return {
        kind: 'insufficient-funds',
        message: `Your account cannot pay for the transaction to ${ACTION[step]}: insufficient funds for gas. Add funds, then retry.`,
      };
    case 'reverted': {
      const reason = revertReason(f);
      return {
        kind: 'reverted',
        message: `The transaction to ${ACTION[step]} was reverted${reason ? `: ${reason}` : ''}. No track was minted; retry to send it again.`,
      };
    }
    case 'chain-mismatch':
      return {
        kind: 'network',
        message: `Could not ${ACTION[step]}: your wallet is on another network (${f.message}). Switch networks, then retry.`,
      };
    case 'network':
      return {
        kind: 'network',
        message: `Could not ${ACTION[step]}: the network request failed (${f.message}). Retry.`,
      };
    case 'unknown':
      return { kind: 'unknown', message: `Could not ${ACTION[step]}: ${f.message || 'unknown error'}. Retry.` };
  }
}
