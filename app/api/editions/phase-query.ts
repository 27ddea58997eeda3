import { getAddress, isAddress, type Address } from 'viem';
import { errorResponse } from '../_http/errors';

/** A decimal uint256 edition id, as the path carries it. */
export const EDITION_ID = /^\d{1,78}$/;

export type PhaseQuery = { editionId: bigint; phase: number; account: Address };

/**
 * The `{editionId}` path segment and `?phase=N&account=0x…` query that each per-account edition lookup takes (the
 * allowlist proof, a signed approval), or the 400 naming every bad field (`error` says which request it was).
 */
export function readPhaseQuery(request: Request, editionIdText: string, error: string): PhaseQuery | Response {
  const search = new URL(request.url).searchParams;
  const phaseText = search.get('phase') ?? '';
  const account = search.get('account') ?? '';
  const issues: string[] = [];
  if (!EDITION_ID.test(editionIdText)) issues.push('editionId: a decimal edition id');
  if (!/^[0-7]$/.test(phaseText)) issues.push('phase: a phase index 0-7');
  if (!isAddress(account, { strict: false })) issues.push('account: a 0x address');
  if (issues.length > 0) return errorResponse(400, { error, issues });
  return { editionId: BigInt(editionIdText), phase: Number(phaseText), account: getAddress(account) };
}
