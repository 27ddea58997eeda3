/**
 * Adding a creator's track to a label's catalogue, with the creator's consent.
 *
 * The rules (each one a defence against an attack; lib/labels/catalogue-requests.test.ts tries them all):
 * - A label member (manager or owner) asks; the track goes in directly only when the label controls its royalty
 *   split (lib/labels/split-control.ts) or the asking member is the track's creator. Otherwise a pending request
 *   is recorded and the catalogue is unchanged.
 * - Only the track's creator (the signed-in account that minted it; `Track.creator`, taken from the index when the
 *   request is made and never from the caller's input) may accept or decline. Label membership gives no say:
 *   a member, even an owner, cannot accept on the creator's behalf, and a creator cannot decide a request for
 *   someone else's track.
 * - A request is decided once: accept and decline are one compare-and-set from `pending`, so a second decision, a
 *   replayed accept after a decline, or two racing decisions change nothing and answer 409.
 * - After a decline the label cannot ask again for that track (no nagging); the creator's "no" stands until the
 *   label controls the split. While a request is pending, asking again returns the same request.
 * - Removal: the label (managers, owners) may remove any track; the track's creator may remove their own track
 *   from any label's catalogue, withdrawing consent (lib/labels/member-actions.ts). A track the label controls
 *   the split of can then be added again directly, as that control is on-chain and not the creator's to withdraw.
 * Every request, accept, decline and direct add is written to the label's audit log in the same transaction.
 */
import { getAddress, isAddress, isAddressEqual, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { LabelRequestError } from './errors';
import { authorize, lockMembers } from './label-service';
import { labelControlsSplit, type SplitControllerOf } from './split-control';

type Tx = Prisma.TransactionClient;

export type CatalogueOutcome = {
  tokenId: string;
  /** added: now in the catalogue; requested: waiting for the creator; already: it was in the catalogue. */
  outcome: 'added' | 'requested' | 'already';
  /** Why it was added directly. */
  basis?: 'split-control' | 'creator';
  requestId?: string;
};

const TOKEN_ID = /^\d{1,78}$/;

async function audit(tx: Tx, labelId: string, actor: Address, action: string, details: Prisma.InputJsonObject) {
  await tx.labelAuditEntry.create({ data: { labelId, actor: getAddress(actor), action, details } });
}

/**
 * Adds `tokenId` to the catalogue when the label controls its split or the actor created it; otherwise records a
 * request to its creator (managers and owners only). The chain is read before the transaction; the decision and
 * its audit entry are written under the label's lock, so two members asking at once make one request.
 */
export async function requestOrAddTrack(
  prisma: PrismaClient,
  controllerOf: SplitControllerOf,
  actor: Address,
  labelId: string,
  chainId: number,
  tokenId: string,
): Promise<CatalogueOutcome> {
  if (!TOKEN_ID.test(tokenId)) throw new LabelRequestError('tokenId must be a decimal token id');
  await authorize(prisma, labelId, actor, 'catalogue.add');
  const track = await prisma.track.findUnique({ where: { chainId_tokenId: { chainId, tokenId } } });
  if (!track) throw new LabelRequestError(`Token ${tokenId} is not an indexed Motif track`, 404);
  const controls = await labelControlsSplit(prisma, {
    labelId,
    actor,
    royaltyReceiver: track.royaltyReceiver,
    controllerOf,
  });
  const basis = controls ? 'split-control' : isAddressEqual(getAddress(track.creator), actor) ? 'creator' : null;
  return prisma.$transaction(async (tx) => {
    await lockMembers(tx, labelId);
    await authorize(tx, labelId, actor, 'catalogue.add');
    const key = { labelId, chainId, tokenId };
    if (await tx.labelCatalogueEntry.findUnique({ where: { labelId_chainId_tokenId: key } }))
      return { tokenId, outcome: 'already' };
    if (basis) {
      await tx.labelCatalogueEntry.create({ data: { ...key, addedBy: getAddress(actor) } });
      await audit(tx, labelId, actor, 'catalogue.add', { chainId, tokenIds: [tokenId], added: 1, basis });
      return { tokenId, outcome: 'added', basis };
    }
    const previous = await tx.labelCatalogueRequest.findFirst({
      where: { ...key, status: { in: ['pending', 'declined'] } },
      orderBy: { createdAt: 'desc' },
    });
    if (previous?.status === 'declined')
      throw new LabelRequestError(`The creator declined this label's request for token ${tokenId}`, 409);
    if (previous) return { tokenId, outcome: 'requested', requestId: previous.id };
    const request = await tx.labelCatalogueRequest.create({
      data: { ...key, creator: getAddress(track.creator), requestedBy: getAddress(actor) },
    });
    await audit(tx, labelId, actor, 'catalogue.request', {
      chainId,
      tokenId,
      creator: request.creator,
      requestId: request.id,
    });
    return { tokenId, outcome: 'requested', requestId: request.id };
  });
}

/**
 * The track's creator accepts (the track joins the catalogue) or declines a pending request. Anyone else, member
 * or not, gets a 404 (no hint that the request exists); a decided request answers 409.
 */
export async function decideRequest(
  prisma: PrismaClient,
  actor: Address,
  requestId: string,
  decision: 'accept' | 'decline',
): Promise<{ labelId: string; tokenId: string; status: 'accepted' | 'declined' }> {
  const creator = getAddress(actor);
  return prisma.$transaction(async (tx) => {
    const request = await tx.labelCatalogueRequest.findUnique({ where: { id: requestId } });
    const track =
      request &&
      (await tx.track.findUnique({
        where: { chainId_tokenId: { chainId: request.chainId, tokenId: request.tokenId } },
      }));
    // Both the request's creator and the indexed track's creator must be the signed-in account.
    if (!request || !track || request.creator !== creator || getAddress(track.creator) !== creator)
      throw new LabelRequestError('No such request for your tracks', 404);
    const status = decision === 'accept' ? 'accepted' : 'declined';
    const decided = await tx.labelCatalogueRequest.updateMany({
      where: { id: requestId, status: 'pending', creator },
      data: { status, decidedAt: new Date() },
    });
    if (decided.count !== 1) throw new LabelRequestError(`This request was already ${request.status}`, 409);
    const tokenId = request.tokenId.toFixed();
    if (status === 'accepted')
      await tx.labelCatalogueEntry.createMany({
        data: [{ labelId: request.labelId, chainId: request.chainId, tokenId, addedBy: creator }],
        skipDuplicates: true,
      });
    await audit(tx, request.labelId, creator, `catalogue.${decision}`, {
      chainId: request.chainId,
      tokenId,
      requestId,
      requestedBy: request.requestedBy,
    });
    return { labelId: request.labelId, tokenId, status };
  });
}

export type CatalogueAddition = { tokenId: string } | { creator: string };

/**
 * One track by token id, or every indexed track of a creator, each through requestOrAddTrack: a creator's tracks
 * are requested one by one (the creator accepts each), never taken in one click.
 */
export async function addToCatalogue(
  prisma: PrismaClient,
  controllerOf: SplitControllerOf,
  actor: Address,
  labelId: string,
  chainId: number,
  what: CatalogueAddition,
): Promise<{ results: CatalogueOutcome[] }> {
  await authorize(prisma, labelId, actor, 'catalogue.add');
  let tokenIds: string[];
  if ('tokenId' in what) tokenIds = [what.tokenId];
  else {
    if (!isAddress(what.creator, { strict: false })) throw new LabelRequestError('creator must be a 0x address');
    const creator = getAddress(what.creator);
    tokenIds = (
      await prisma.track.findMany({
        where: { chainId, creator },
        select: { tokenId: true },
        orderBy: { tokenId: 'asc' },
      })
    ).map((t) => t.tokenId.toFixed());
    if (tokenIds.length === 0) throw new LabelRequestError(`${creator} has no indexed tracks`, 404);
  }
  const results: CatalogueOutcome[] = [];
  for (const tokenId of tokenIds) {
    try {
      results.push(await requestOrAddTrack(prisma, controllerOf, actor, labelId, chainId, tokenId));
    } catch (error) {
      // One declined track does not stop the rest of a creator's tracks; alone, its refusal is the answer.
      if (!(error instanceof LabelRequestError && error.status === 409 && tokenIds.length > 1)) throw error;
    }
  }
  return { results };
}
