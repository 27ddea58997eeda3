/**
 * Runs the step machine with injected effects (wallet, pin route, chain): each step's output is saved before the
 * next starts, a failure is saved and stops the run; calling `runMint` again resumes at the failed step.
 */
import type { DraftProgress, Hex, MintDraft } from './draft';
import { fail, nextStep, succeed, type MintStep } from './steps';

/** Progress of the pin step: encoding the streaming copy (samples), then the upload (bytes; `phase` absent). */
export type PinProgress = { loaded: number; total: number; phase?: 'encode' | 'upload' };

export type MintEffects = {
  sign(d: MintDraft): Promise<NonNullable<DraftProgress['signed']>>;
  pin(d: MintDraft, onProgress: (p: PinProgress) => void): Promise<NonNullable<DraftProgress['pinned']>>;
  split(d: MintDraft): Promise<NonNullable<DraftProgress['split']>>;
  sendMint(d: MintDraft): Promise<Hex>;
  confirm(d: MintDraft): Promise<NonNullable<DraftProgress['minted']>>;
  voucher(d: MintDraft): Promise<NonNullable<DraftProgress['voucher']>>;
  save(d: MintDraft): Promise<void>;
  now(): string;
};

export type RunEvents = { onStep?(step: MintStep, d: MintDraft): void; onPinProgress?(p: PinProgress): void };

async function perform(step: MintStep, d: MintDraft, fx: MintEffects, ev: RunEvents): Promise<Partial<DraftProgress>> {
  switch (step) {
    case 'sign':
      return { signed: await fx.sign(d) };
    case 'pin':
      return { pinned: await fx.pin(d, (p) => ev.onPinProgress?.(p)) };
    case 'split':
      return { split: await fx.split(d) };
    case 'mint':
      return { mintTx: await fx.sendMint(d) };
    case 'confirm':
      return { minted: await fx.confirm(d) };
    case 'voucher':
      return { voucher: await fx.voucher(d) };
  }
}

/** Runs from the next unfinished step to the end or the first failure; returns the saved draft. */
export async function runMint(draft: MintDraft, fx: MintEffects, ev: RunEvents = {}): Promise<MintDraft> {
  let d: MintDraft = draft;
  for (let guard = 0; guard < 10; guard++) {
    const step = nextStep(d);
    if (step === 'done') return d;
    ev.onStep?.(step, d);
    try {
      d = succeed(d, await perform(step, d, fx, ev), fx.now());
    } catch (error) {
      d = fail(d, step, error, fx.now());
      await fx.save(d);
      return d;
    }
    await fx.save(d);
  }
  return d;
}
