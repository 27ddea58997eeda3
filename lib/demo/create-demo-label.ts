import { getAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import { addToCatalogue, createLabel } from '../labels/label-service';
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

/**
 * Creates the demo label (its account the owner) when the plan says so, and adds the missing demo tracks to its
 * catalogue, through the label service (audit entries included), as the dashboard does.
 */
export async function createDemoLabel(
  prisma: PrismaClient,
  p: { owner: Address; name: string; chainId: number; state: DemoLabelState; plan: DemoLabelPlan },
): Promise<{ labelId: string; added: number }> {
  const labelId = p.state.labelId ?? (await createLabel(prisma, p.owner, p.name)).id;
  for (const tokenId of p.plan.add) await addToCatalogue(prisma, p.owner, labelId, p.chainId, { tokenId });
  return { labelId, added: p.plan.add.length };
}
