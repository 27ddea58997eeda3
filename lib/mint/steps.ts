/**
 * The mint step machine (pure). Steps run in order; each finished step stores its output in the draft, a failed
 * step stores a classified failure and nothing else, so `nextStep` after a failure is the failed step again (resume),
 * and changing the details drops exactly the outputs that depended on what changed.
 *
 *   mint:    sign (manifest, EIP-712) -> pin (folder) -> split (SplitMain.createSplit, when new) -> mint (tx sent) -> confirm
 *   voucher: sign -> pin -> split -> voucher (EIP-712 lazy-mint voucher)
 */
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
  if (a.title !== details.title || a.description !== details.description || a.genre !== details.genre) delete progress.pinned;
  if (royaltyChanged) delete progress.split;
  if (!progress.pinned || royaltyChanged || a.mode !== details.mode) delete progress.mintTx;
  return { ...d, details, progress, updatedAt: now };
}

export class PinFailedError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`pin failed (${status}): ${detail}`);
    this.name = 'PinFailedError';
  }
}

type ErrorLike = { name?: unknown; message?: unknown; shortMessage?: unknown; code?: unknown; cause?: unknown; details?: unknown };

function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let e: unknown = error;
  for (let i = 0; i < 8 && e && typeof e === 'object'; i++) {
    out.push(e as ErrorLike);
    e = (e as ErrorLike).cause;
  }
  return out;
}

const ACTION: Record<MintStep, string> = {
  sign: 'sign the manifest',
  pin: 'pin the track',
  split: 'create the split',
  mint: 'mint',
  confirm: 'confirm the mint',
  voucher: 'sign the voucher',
};

/** A failure kind and the message to show (what happened, what to do). */
export function classifyError(step: MintStep, error: unknown): { kind: FailureKind; message: string } {
  const errs = chain(error);
  const text = errs.map((e) => `${String(e.name ?? '')} ${String(e.shortMessage ?? '')} ${String(e.message ?? '')} ${String(e.details ?? '')}`).join(' | ');
  if (error instanceof PinFailedError) {
    const why =
      error.status === 413 ? 'the files are too large' : error.status === 415 ? 'the audio or MIDI file is not in a supported format' : error.status === 422 ? 'the manifest was refused' : error.status >= 500 ? 'the IPFS service is unavailable' : 'the request was refused';
    return { kind: 'pin', message: `Pinning failed: ${why} (HTTP ${error.status}: ${error.detail}). Nothing was minted; retry to pin again.` };
  }
  if (errs.some((e) => e.code === 4001 || e.name === 'UserRejectedRequestError') || /user (rejected|denied)|rejected the request|denied (transaction|message) signature/i.test(text)) {
    return { kind: 'rejected', message: `You rejected the request to ${ACTION[step]} in your wallet. Nothing was ${step === 'sign' || step === 'voucher' ? 'signed' : 'sent'}; retry when ready.` };
  }
  if (errs.some((e) => e.name === 'InsufficientFundsError') || /insufficient funds|exceeds the balance|insufficient balance/i.test(text)) {
    return { kind: 'insufficient-funds', message: `Your account cannot pay for the transaction to ${ACTION[step]}: insufficient funds for gas. Add funds, then retry.` };
  }
  if (errs.some((e) => e.name === 'ContractFunctionRevertedError' || e.name === 'CallExecutionError' && /revert/i.test(String(e.message))) || /revert/i.test(text)) {
    const reason = errs.map((e) => (typeof e.shortMessage === 'string' ? e.shortMessage : '')).reverse().find((m) => /revert/i.test(m));
    return { kind: 'reverted', message: `The transaction to ${ACTION[step]} was reverted${reason ? `: ${reason}` : ''}. No track was minted; retry to send it again.` };
  }
  if (/failed to fetch|network|timeout|timed out/i.test(text)) {
    return { kind: 'network', message: `Could not ${ACTION[step]}: the network request failed (${firstMessage(errs)}). Retry.` };
  }
  if (errs.some((e) => e.name === 'ZodError' || e.name === 'InvalidManifestError')) return { kind: 'invalid', message: `Could not ${ACTION[step]}: ${firstMessage(errs)}` };
  return { kind: 'unknown', message: `Could not ${ACTION[step]}: ${firstMessage(errs)}. Retry.` };
}

function firstMessage(errs: ErrorLike[]): string {
  const e = errs[0];
  const m = e ? (typeof e.shortMessage === 'string' && e.shortMessage) || (typeof e.message === 'string' && e.message) : '';
  return m || 'unknown error';
}
