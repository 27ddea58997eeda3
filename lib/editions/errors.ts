import { BaseError } from '../errors/base';

/** The base of lib/editions' errors: Motif's one error base (short message, cause chain, walk()). */
export type EditionsErrorType = EditionsError & { name: 'EditionsError' };

export class EditionsError extends BaseError {
  override name: string = 'EditionsError';
}
