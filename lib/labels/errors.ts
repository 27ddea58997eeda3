/** The caller is not a member of the label (HTTP 403). */
import { BaseError } from '../errors/base';
export class NotALabelMemberError extends BaseError {
  override name = 'NotALabelMemberError';
  readonly status = 403;
  constructor(
    readonly address: string,
    readonly labelId: string,
  ) {
    super(`${address} is not a member of this label`);
  }
}

/** The caller's role does not allow the action (HTTP 403). */
export class LabelForbiddenError extends BaseError {
  override name = 'LabelForbiddenError';
  readonly status = 403;
  constructor(
    readonly role: string,
    readonly action: string,
  ) {
    super(`A ${role} may not ${action.replace('.', ': ')}`);
  }
}

/** The request itself is wrong (HTTP 400 or 409), e.g. removing the last owner. */
export class LabelRequestError extends BaseError {
  override name = 'LabelRequestError';
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}
