import { getAddress, isAddressEqual, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { can } from './permissions';

/** SplitMain's current controller of `split` on the chain, or null (zero: immutable, or not a split at all). */
export type SplitControllerOf = (split: Address) => Promise<Address | null>;

/**
 * Whether a label controls a track's royalty split, so it may add the track to its catalogue without asking the
 * creator. Precisely: the track's royalty receiver (as indexed at mint) is a SplitMain split whose controller, read
 * from the chain now (`SplitMain.controllerOf`, so a pending hand-over does not count and an immutable split is
 * controlled by nobody), is
 *   - the acting member itself, or
 *   - the address that created the label (`Label.createdBy`),
 * and that address is still an owner or manager of the label (a role that may change splits).
 *
 * Why not "any member": membership is given by an owner without the invitee's consent, so a label could invite a
 * creator (the controller of their own split) as a viewer or manager and then take every track of theirs without
 * asking. The actor proves control by signing in as the controller; the label's creator chose to found the label.
 */
export async function labelControlsSplit(
  db: PrismaClient | Prisma.TransactionClient,
  p: { labelId: string; actor: Address; royaltyReceiver: string; controllerOf: SplitControllerOf },
): Promise<boolean> {
  const controller = await p.controllerOf(getAddress(p.royaltyReceiver));
  if (!controller) return false;
  const label = await db.label.findUnique({ where: { id: p.labelId }, select: { createdBy: true } });
  if (!label) return false;
  if (!isAddressEqual(controller, p.actor) && !isAddressEqual(controller, getAddress(label.createdBy))) return false;
  const member = await db.labelMember.findUnique({
    where: { labelId_address: { labelId: p.labelId, address: getAddress(controller) } },
  });
  return member !== null && can(member.role, 'split.update');
}
