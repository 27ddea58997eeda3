import type { AllowlistProofReturnType, PinAllowlistReturnType } from '../../../lib/editions/allowlist-store';
import { AllowlistTreeError, NotOnAllowlistError } from '../../../lib/editions/allowlist-tree';
import { EditionsError } from '../../../lib/editions/errors';
import { answerOrRethrow, errorResponse, readAdmittedJson } from '../_http/errors';
import { readPhaseQuery } from './phase-query';

export type EditionsApiDeps = {
  pin: (file: unknown) => Promise<PinAllowlistReturnType>;
  proof: (params: { editionId: bigint; phase: number; account: `0x${string}` }) => Promise<AllowlistProofReturnType>;
  /** Rate limit for pins (storage costs); null to go on, or the refusal. */
  admit: (request: Request) => Promise<Response | null>;
};

/** POST /api/editions/allowlists: body = the allowlist file (lib/editions/allowlist-tree.ts); answers { root, cid, addresses }. */
export function createPinAllowlistHandler(
  deps: Pick<EditionsApiDeps, 'pin' | 'admit'>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const read = await readAdmittedJson(request, deps.admit, 'an allowlist file');
    if ('answer' in read) return read.answer;
    try {
      return Response.json(await deps.pin(read.body), { status: 201, headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      if (error instanceof AllowlistTreeError)
        return errorResponse(400, { error: error.shortMessage, issues: error.details ? [error.details] : [] });
      if (error instanceof EditionsError) return errorResponse(400, { error: error.shortMessage });
      return answerOrRethrow(error);
    }
  };
}

/** GET /api/editions/{editionId}/proof?phase=N&account=0x…: the merkle proof that account mints with in phase N. */
export function createProofHandler(
  deps: Pick<EditionsApiDeps, 'proof'>,
): (request: Request, editionIdText: string) => Promise<Response> {
  return async (request, editionIdText) => {
    const query = readPhaseQuery(request, editionIdText, 'Invalid proof request');
    if (query instanceof Response) return query;
    try {
      const answer = await deps.proof(query);
      // A proof never changes for a root: cacheable, but the phase could be re-indexed after a reorg, so briefly.
      return Response.json(answer, { headers: { 'cache-control': 'public, max-age=60' } });
    } catch (error) {
      if (error instanceof NotOnAllowlistError)
        return errorResponse(404, { error: error.shortMessage, reason: 'not-listed' });
      return answerOrRethrow(error);
    }
  };
}
