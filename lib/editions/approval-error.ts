import { EditionsError } from './errors';

/** Why a mint approval was refused or not found (a stable code the API answers as `reason`). */
export type ApprovalRefusal =
  | 'malformed'
  | 'wrong-chain'
  | 'wrong-contract'
  | 'wrong-edition'
  | 'not-signature-phase'
  | 'expired'
  | 'bad-signature'
  | 'not-approved';

/** A mint approval the store refuses, or none to find; `status` is the HTTP status the API answers with. */
export class ApprovalError extends EditionsError {
  override name = 'ApprovalError';
  constructor(
    readonly reason: ApprovalRefusal,
    readonly status: number,
    shortMessage: string,
    readonly issues: readonly string[] = [],
  ) {
    super(shortMessage, issues.length > 0 ? { details: issues.join('; ') } : {});
  }
}
