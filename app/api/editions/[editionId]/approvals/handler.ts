import { ApprovalError } from '../../../../../lib/editions/approval-error';
import type { StoredApproval } from '../../../../../lib/editions/approval-store';
import { answerOrRethrow, errorResponse, readAdmittedJson, refusalResponse } from '../../../_http/errors';
import { EDITION_ID, readPhaseQuery } from '../../phase-query';

export type ApprovalsApiDeps = {
  /** Checks and stores a signed approval for the edition (lib/editions/approval-store.ts `storeMintApproval`). */
  store: (editionId: bigint, body: unknown) => Promise<StoredApproval>;
  /** The approval an account mints with in a phase (`findMintApproval`). */
  find: (params: { editionId: bigint; phase: number; account: `0x${string}` }) => Promise<StoredApproval>;
  /** Rate limit for stores; null to go on, or the refusal. */
  admit: (request: Request) => Promise<Response | null>;
};

const approvalErrorResponse = (error: unknown): Response =>
  error instanceof ApprovalError ? refusalResponse(error) : answerOrRethrow(error);

/**
 * POST /api/editions/{editionId}/approvals: body = { chainId, editions, approval: { editionId, phase, minter,
 * quantity, nonce, deadline }, signature } (uint256s as decimal strings); answers 201 with the stored approval. A
 * malformed body is a 400 with one issue per field; one for another edition, chain or contract, a phase that is not
 * signature-gated, an expired one or one not signed by the creator's mint signer is a 422 with its `reason`.
 */
export function createStoreApprovalHandler(
  deps: Pick<ApprovalsApiDeps, 'store' | 'admit'>,
): (request: Request, editionIdText: string) => Promise<Response> {
  return async (request, editionIdText) => {
    if (!EDITION_ID.test(editionIdText))
      return errorResponse(400, { error: 'Invalid approval', issues: ['editionId: a decimal edition id'] });
    const read = await readAdmittedJson(request, deps.admit, 'a signed mint approval', 'malformed');
    if ('answer' in read) return read.answer;
    try {
      const stored = await deps.store(BigInt(editionIdText), read.body);
      return Response.json(stored, { status: 201, headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      return approvalErrorResponse(error);
    }
  };
}

/**
 * GET /api/editions/{editionId}/approvals?phase=N&account=0x…: the approval that account mints with in phase N
 * (404 `not-approved` when there is none usable). Never cached: it stops answering once its nonce is used.
 */
export function createFindApprovalHandler(
  deps: Pick<ApprovalsApiDeps, 'find'>,
): (request: Request, editionIdText: string) => Promise<Response> {
  return async (request, editionIdText) => {
    const query = readPhaseQuery(request, editionIdText, 'Invalid approval request');
    if (query instanceof Response) return query;
    try {
      const found = await deps.find(query);
      return Response.json(found, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      return approvalErrorResponse(error);
    }
  };
}
