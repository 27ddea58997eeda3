/** A value that RFC 8785 cannot express (undefined, a function, NaN, Infinity, a bigint...). */
import { BaseError } from '../errors/base';
export class CanonicalizationError extends BaseError {
  override name = 'CanonicalizationError';
}

/** A manifest that does not match the schema (including its derived fields: edit summary, AI disclosure). */
export class InvalidManifestError extends BaseError {
  override name = 'InvalidManifestError';
  constructor(readonly issues: string[]) {
    super(`Invalid manifest:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/** The signed manifest's signature is not the creator's over its digest, chain and collection. */
export class InvalidManifestSignatureError extends BaseError {
  override name = 'InvalidManifestSignatureError';
}

/** Replaying a generation failed before it produced a digest (unknown weights, weights that do not match...). */
export class ReplayError extends BaseError {
  override name = 'ReplayError';
}
