import type { Address, Hex } from 'viem';
import { BaseError } from '../errors/base';
import type { MintDraft } from './draft';
import { validateSplit, type ValidSplit } from './split';

/** The two Motif contracts a mint talks to. */
export type MintContracts = { collection: Address; splitMain: Address };

export type DraftNotReadyErrorType = DraftNotReadyError & { name: 'DraftNotReadyError' };

/** A step ran before the step it depends on finished, or on details that no longer validate. */
export class DraftNotReadyError extends BaseError {
  override name = 'DraftNotReadyError' as const;
}

/** The draft's split, validated (the form checks it first; a step refuses a draft changed behind its back). */
export function validSplitOf(d: MintDraft): ValidSplit {
  const v = validateSplit(d.details.split);
  if (!v.ok) throw new DraftNotReadyError(v.errors[0]?.message ?? 'invalid split');
  return v.value;
}

/** The outputs of the sign, pin and split steps, which mint and voucher need. */
export function pinnedAndReceiver(d: MintDraft): {
  pinned: NonNullable<MintDraft['progress']['pinned']>;
  receiver: Hex;
} {
  const pinned = d.progress.pinned;
  const receiver = d.progress.split?.address;
  if (!pinned || !receiver) throw new DraftNotReadyError('the draft is missing an earlier step');
  return { pinned, receiver };
}
