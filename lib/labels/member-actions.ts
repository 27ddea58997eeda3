import { getAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import { LabelRequestError } from './errors';
import { address, authorize, keepAnOwner, lockMembers } from './label-service';
import type { LabelRoleName } from './permissions';

/** Changes an existing member's role (owners only); the last owner cannot be demoted, even concurrently (lockMembers). Audited in the same transaction. */
export async function changeMemberRole(
  prisma: PrismaClient,
  actor: Address,
  labelId: string,
  memberAddress: string,
  role: LabelRoleName,
): Promise<void> {
  const member = address(memberAddress, 'member');
  await prisma.$transaction(async (tx) => {
    await lockMembers(tx, labelId);
    await authorize(tx, labelId, actor, 'member.changeRole');
    const target = await tx.labelMember.findUnique({ where: { labelId_address: { labelId, address: member } } });
    if (!target) throw new LabelRequestError(`${member} is not a member`, 404);
    await keepAnOwner(tx, labelId, target.role, role, 'make another member owner first');
    await tx.labelMember.update({ where: { labelId_address: { labelId, address: member } }, data: { role } });
    await tx.labelAuditEntry.create({
      data: {
        labelId,
        actor: getAddress(actor),
        action: 'member.changeRole',
        details: { member, from: target.role, to: role },
      },
    });
  });
}

/**
 * Removes a track from the catalogue: a manager or owner of the label may remove any track; the track's creator
 * (its minter, signed in) may remove their own track from any label's catalogue, which withdraws the consent they
 * gave by accepting a request. Anyone else is refused as a non-member. Audited in the same transaction, with who
 * removed it ("by": label or creator).
 */
export async function removeFromCatalogue(
  prisma: PrismaClient,
  actor: Address,
  labelId: string,
  chainId: number,
  tokenId: string,
): Promise<void> {
  if (!/^\d{1,78}$/.test(tokenId)) throw new LabelRequestError('tokenId must be a decimal token id');
  await prisma.$transaction(async (tx) => {
    const track = await tx.track.findUnique({ where: { chainId_tokenId: { chainId, tokenId } } });
    const byCreator = track !== null && getAddress(track.creator) === getAddress(actor);
    if (!byCreator) await authorize(tx, labelId, actor, 'catalogue.remove');
    const removed = await tx.labelCatalogueEntry.deleteMany({ where: { labelId, chainId, tokenId } });
    if (removed.count === 0) throw new LabelRequestError(`Token ${tokenId} is not in the catalogue`, 404);
    await tx.labelAuditEntry.create({
      data: {
        labelId,
        actor: getAddress(actor),
        action: 'catalogue.remove',
        details: { chainId, tokenId, by: byCreator ? 'creator' : 'label' },
      },
    });
  });
}
