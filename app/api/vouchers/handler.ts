import type { StoreVoucherReturnType } from '../../../lib/vouchers/store-voucher';
import { VoucherError } from '../../../lib/vouchers/errors';
import { answerOrRethrow, readAdmittedJson, refusalResponse } from '../_http/errors';

export type VouchersApiDeps = {
  /** Checks and stores the signed voucher (lib/vouchers/store-voucher.ts). */
  store: (body: unknown) => Promise<StoreVoucherReturnType>;
  /** Rate limit for stores; null to go on, or the refusal. */
  admit: (request: Request) => Promise<Response | null>;
};

/**
 * POST /api/vouchers: body = { chainId, collection, voucher, signature } (numbers as decimal strings); answers 201
 * { shortId, tokenId, path } where path is the collect page (/c/<shortId>). A malformed body is a 400 with one issue
 * per field; a voucher for another chain or collection, one not signed by the creator it names, or one past its
 * deadline is a 422 with its `reason`.
 */
export function createStoreVoucherHandler(deps: VouchersApiDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const read = await readAdmittedJson(request, deps.admit, 'a signed voucher', 'malformed');
    if ('answer' in read) return read.answer;
    try {
      const stored = await deps.store(read.body);
      return Response.json(
        { ...stored, path: `/c/${stored.shortId}` },
        { status: 201, headers: { 'cache-control': 'no-store' } },
      );
    } catch (error) {
      return error instanceof VoucherError ? refusalResponse(error) : answerOrRethrow(error);
    }
  };
}
