import { isAddress, getAddress } from 'viem';
import type { AllowlistProofReturnType, PinAllowlistReturnType } from '../../../lib/editions/allowlist-store';
import { AllowlistTreeError, NotOnAllowlistError } from '../../../lib/editions/allowlist-tree';
import { EditionsError } from '../../../lib/editions/errors';
import { answerOrRethrow, errorResponse, readAdmittedJson } from '../_http/errors';

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
    const search = new URL(request.url).searchParams;
    const phaseText = search.get('phase') ?? '';
    const account = search.get('account') ?? '';
    const issues: string[] = [];
    if (!/^\d{1,78}$/.test(editionIdText)) issues.push('editionId: a decimal edition id');
    if (!/^[0-7]$/.test(phaseText)) issues.push('phase: a phase index 0-7');
    if (!isAddress(account, { strict: false })) issues.push('account: a 0x address');
    if (issues.length > 0) return errorResponse(400, { error: 'Invalid proof request', issues });
    try {
      const answer = await deps.proof({
        editionId: BigInt(editionIdText),
        phase: Number(phaseText),
        account: getAddress(account),
      });
      // A proof never changes for a root: cacheable, but the phase could be re-indexed after a reorg, so briefly.
      return Response.json(answer, { headers: { 'cache-control': 'public, max-age=60' } });
    } catch (error) {
      if (error instanceof NotOnAllowlistError)
        return errorResponse(404, { error: error.shortMessage, reason: 'not-listed' });
      return answerOrRethrow(error);
    }
  };
}
