import { errorResponse } from '../../_http/errors';
import { UNREADABLE_BY_UNIXFS, unservableCid } from '../../../../lib/ipfs/gateway';
import type { IpfsStorage } from '../../../../lib/ipfs/storage';
import { describeDisclosure, type DisclosureText } from '../../../../lib/provenance/disclosure-text';
import { InvalidTrackTargetError, parseTrackTarget } from '../../../../lib/provenance/target';
import { TokenNotFoundError } from '../../../../lib/provenance/chain-record';
import type { OriginLink } from '../../../../lib/provenance/origin-link';
import {
  TokenNeedsChainError,
  verifyTrack,
  type ReplayFn,
  type VerifyChainOptions,
  type VerifyCheck,
} from '../../../../lib/provenance/verify-track';

export type VerifyTrackResponse = {
  ok: boolean;
  cid: string;
  tokenId?: string;
  checks: VerifyCheck[];
  manifestDigest?: string;
  /** A re-mint's link to the token it was first minted as (docs/provenance/SPEC.md 11.1). */
  origin?: OriginLink;
  summary?: {
    model: string;
    weightsCid: string;
    seed: number | string;
    creator: string;
    createdAt: string;
    licence: string;
    aiDisclosure: string;
    disclosure: DisclosureText;
  };
};

export type VerifyHandlerDependencies = {
  storage: () => Promise<Pick<IpfsStorage, 'stat' | 'cat'>>;
  /** Chain options, or why there are none (shown in the skipped chain check). */
  chain: () => Promise<{ chain: VerifyChainOptions } | { problem: string }>;
  /** Absent: the replay check is reported as skipped with `replayUnavailable` as the reason. */
  replay?: ReplayFn;
  replayUnavailable?: string;
  /** PEM roots a C2PA signer must chain to (this platform's); absent or undefined: the signer's trust is not checked. */
  c2paTrustAnchors?: () => Promise<string | undefined>;
};

/**
 * GET ?id=<tokenId | CID> -> 200 VerifyTrackResponse (pass or fail is in the body); 400 for an unreadable id, 404 for a
 * token that does not exist, 503 for a token id when no chain is configured.
 */
export function createVerifyHandler(deps: VerifyHandlerDependencies): (request: Request) => Promise<Response> {
  return async (request) => {
    const id = new URL(request.url).searchParams.get('id') ?? '';
    let target;
    try {
      target = parseTrackTarget(id);
    } catch (error) {
      if (error instanceof InvalidTrackTargetError) return errorResponse(400, { error: error.message });
      throw error;
    }
    // Token 0 is never minted (the chain reverts on it), and a CID our store cannot read has nothing to verify.
    if ('tokenId' in target && target.tokenId === 0n)
      return errorResponse(400, { error: 'token id 0 is out of range' });
    const unservable = 'cid' in target && typeof target.cid !== 'string' ? unservableCid(target.cid) : null;
    if (unservable) return errorResponse(400, { error: `${id.slice(0, 100)}: ${unservable}` });
    const [storage, chain, trustAnchorsPem] = await Promise.all([
      deps.storage(),
      deps.chain(),
      deps.c2paTrustAnchors?.(),
    ]);
    let result;
    try {
      result = await verifyTrack({
        ...target,
        storage,
        replay: deps.replay,
        chain: 'chain' in chain ? chain.chain : undefined,
        c2pa: { trustAnchorsPem },
        signal: request.signal,
      });
    } catch (error) {
      // A token id names its folder only through the chain: no such token is a 404, no chain to ask is a 503.
      if (error instanceof TokenNotFoundError) return errorResponse(404, { error: error.message });
      if (error instanceof TokenNeedsChainError)
        return errorResponse(503, { error: `${error.message}${'problem' in chain ? ` (${chain.problem})` : ''}` });
      if (error instanceof Error && UNREADABLE_BY_UNIXFS.has(error.name))
        return errorResponse(404, { error: `not a readable track folder: ${error.message}` });
      throw error;
    }
    const checks = result.checks.map((c) => {
      if (c.name === 'chain' && c.skipped && 'problem' in chain) return { ...c, reason: `skipped: ${chain.problem}` };
      if (c.name === 'replay' && c.skipped && deps.replayUnavailable)
        return { ...c, reason: `skipped: ${deps.replayUnavailable}` };
      return c;
    });
    const m = result.manifest;
    const body: VerifyTrackResponse = {
      ok: result.ok,
      cid: result.cid,
      ...(result.tokenId ? { tokenId: result.tokenId } : {}),
      checks,
      ...(result.manifestDigest ? { manifestDigest: result.manifestDigest } : {}),
      ...(result.origin ? { origin: result.origin } : {}),
      ...(m
        ? {
            summary: {
              model: m.model.id,
              weightsCid: m.model.weightsCid,
              seed: m.generation.seed,
              creator: m.creator,
              createdAt: m.createdAt,
              licence: m.licence.name,
              aiDisclosure: m.aiDisclosure.digitalSourceType,
              disclosure: describeDisclosure(m),
            },
          }
        : {}),
    };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  };
}
