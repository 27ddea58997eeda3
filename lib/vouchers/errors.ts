import { BaseError } from '../errors/base';

/** Why a voucher was refused (a stable code the API answers as `reason`). */
export type VoucherRefusal =
  | 'malformed'
  | 'wrong-chain'
  | 'wrong-collection'
  | 'bad-signature'
  | 'expired'
  | 'too-large'
  | 'not-author'
  | 'currency-not-allowed'
  | 'not-found';

/** A voucher the store refuses, or a short id it does not know; `status` is the HTTP status the API answers with. */
export class VoucherError extends BaseError {
  override name = 'VoucherError';
  constructor(
    readonly reason: VoucherRefusal,
    readonly status: number,
    shortMessage: string,
    readonly issues: readonly string[] = [],
  ) {
    super(shortMessage, issues.length > 0 ? { details: issues.join('; ') } : {});
  }
}
