import { getAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import { decideRequest, requestOrAddTrack } from '../labels/catalogue-requests';
import { LabelRequestError } from '../labels/errors';
import { createLabel } from '../labels/label-service';
import type { SplitControllerOf } from '../labels/split-control';
import type { DemoLabelPlan, DemoLabelState } from './plan';

/** The demo label as the database has it: the label of that name its account created, and its catalogue. */
export async function readDemoLabel(
  prisma: PrismaClient,
  p: { owner: Address; name: string; chainId: number },
): Promise<DemoLabelState> {
  const label = await prisma.label.findFirst({
    where: { createdBy: getAddress(p.owner), name: p.name },
    orderBy: { createdAt: 'asc' },
    include: { catalogue: { where: { chainId: p.chainId } } },
  });
  return label
    ? { labelId: label.id, catalogue: label.catalogue.map((c) => c.tokenId.toFixed()) }
    : { labelId: null, catalogue: [] };
}

// This phase reads no chain, so it never claims split control: each track goes through the creator's consent.
const noSplitControl: SplitControllerOf = async () => null;

/**
 * Creates the demo label (its account the owner) when the plan says so, and adds the missing demo tracks to its
 * catalogue through the label service's consent rule, as the dashboard does: the label asks, and the track's
 * creator (a dev account whose keys the seed holds, as it minted the track with them) accepts. Audit entries
 * included. A request someone declined (in the app, on a demo install) is left declined and the track skipped.
 */
export async function createDemoLabel(
  prisma: PrismaClient,
  p: { owner: Address; name: string; chainId: number; state: DemoLabelState; plan: DemoLabelPlan },
): Promise<{ labelId: string; added: number }> {
  const labelId = p.state.labelId ?? (await createLabel(prisma, p.owner, p.name)).id;
  let added = 0;
  for (const tokenId of p.plan.add) {
    try {
      const r = await requestOrAddTrack(prisma, noSplitControl, p.owner, labelId, p.chainId, tokenId);
      if (r.outcome === 'added') added += 1;
      if (r.outcome !== 'requested' || !r.requestId) continue;
      const track = await prisma.track.findUniqueOrThrow({
        where: { chainId_tokenId: { chainId: p.chainId, tokenId } },
      });
      await decideRequest(prisma, getAddress(track.creator), r.requestId, 'accept');
      added += 1;
    } catch (error) {
      if (!(error instanceof LabelRequestError && error.status === 409)) throw error;
    }
  }
  return { labelId, added };
}
