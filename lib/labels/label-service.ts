import { getAddress, isAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { LabelForbiddenError, LabelRequestError, NotALabelMemberError } from './errors';
import { can, type LabelAction, type LabelRoleName } from './permissions';

type Tx = Prisma.TransactionClient;

/** `input` as a checksummed address, or a 400 LabelRequestError naming `field`. */
export function address(input: string, field: string): Address {
  if (!isAddress(input, { strict: false })) throw new LabelRequestError(`${field} must be a 0x address`);
  return getAddress(input);
}

/**
 * Serializes membership changes of one label: the label row stays locked until the transaction ends, so a second
 * change waits, then reads the actor's role and the owner count as the first left them (READ COMMITTED takes a new
 * snapshot per statement). Without it, two owners demoting each other both saw two owners and left none.
 */
export async function lockMembers(tx: Tx, labelId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Label" WHERE "id" = ${labelId}::uuid FOR UPDATE`;
}

/** Refuses a change that would take the owner role from `current` when it is the label's only owner (call under lockMembers). */
export async function keepAnOwner(
  tx: Tx,
  labelId: string,
  current: LabelRoleName,
  next: LabelRoleName | null,
  hint: string,
): Promise<void> {
  if (current !== 'owner' || next === 'owner') return;
  if ((await tx.labelMember.count({ where: { labelId, role: 'owner' } })) <= 1) {
    throw new LabelRequestError(`A label keeps at least one owner: ${hint}`, 409);
  }
}

/** The actor's role, or NotALabelMemberError; then LabelForbiddenError unless the role allows `action`. */
export async function authorize(
  db: Tx | PrismaClient,
  labelId: string,
  actor: Address,
  action: LabelAction,
): Promise<LabelRoleName> {
  const member = await db.labelMember.findUnique({
    where: { labelId_address: { labelId, address: getAddress(actor) } },
  });
  if (!member) throw new NotALabelMemberError(actor, labelId);
  if (!can(member.role, action)) throw new LabelForbiddenError(member.role, action);
  return member.role;
}

async function audit(
  tx: Tx,
  labelId: string,
  actor: Address,
  action: string,
  details: Prisma.InputJsonObject,
): Promise<void> {
  await tx.labelAuditEntry.create({ data: { labelId, actor, action, details } });
}

/** Creates a label whose first owner is its creator. */
export async function createLabel(prisma: PrismaClient, actor: Address, name: string): Promise<{ id: string }> {
  const clean = name.trim();
  if (clean.length < 2 || clean.length > 120) throw new LabelRequestError('A label name has 2 to 120 characters');
  return prisma.$transaction(async (tx) => {
    const label = await tx.label.create({
      data: {
        name: clean,
        createdBy: getAddress(actor),
        members: { create: { address: getAddress(actor), role: 'owner', addedBy: getAddress(actor) } },
      },
    });
    await audit(tx, label.id, getAddress(actor), 'label.create', { name: clean });
    return { id: label.id };
  });
}

/** Adds a member (owners only); re-inviting changes the role, under the same last-owner rule as a role change. */
export async function inviteMember(
  prisma: PrismaClient,
  actor: Address,
  labelId: string,
  memberAddress: string,
  role: LabelRoleName,
): Promise<void> {
  const member = address(memberAddress, 'member');
  await prisma.$transaction(async (tx) => {
    await lockMembers(tx, labelId);
    await authorize(tx, labelId, actor, 'member.invite');
    const existing = await tx.labelMember.findUnique({ where: { labelId_address: { labelId, address: member } } });
    if (existing) await keepAnOwner(tx, labelId, existing.role, role, 'make another member owner first');
    await tx.labelMember.upsert({
      where: { labelId_address: { labelId, address: member } },
      create: { labelId, address: member, role, addedBy: getAddress(actor) },
      update: { role },
    });
    await audit(tx, labelId, getAddress(actor), 'member.invite', { member, role });
  });
}

/** Removes a member (owners only); the last owner cannot be removed, even by two owners removing each other at once. */
export async function removeMember(
  prisma: PrismaClient,
  actor: Address,
  labelId: string,
  memberAddress: string,
): Promise<void> {
  const member = address(memberAddress, 'member');
  await prisma.$transaction(async (tx) => {
    await lockMembers(tx, labelId);
    await authorize(tx, labelId, actor, 'member.remove');
    const target = await tx.labelMember.findUnique({ where: { labelId_address: { labelId, address: member } } });
    if (!target) throw new LabelRequestError(`${member} is not a member`, 404);
    await keepAnOwner(tx, labelId, target.role, null, 'add another owner first');
    await tx.labelMember.delete({ where: { labelId_address: { labelId, address: member } } });
    await audit(tx, labelId, getAddress(actor), 'member.remove', { member, role: target.role });
  });
}

/** Records an on-chain split action taken from the dashboard (the transaction itself is signed in the browser). */
export async function recordSplitAction(
  prisma: PrismaClient,
  actor: Address,
  labelId: string,
  action: Extract<LabelAction, `split.${string}` | `earnings.${string}`>,
  details: { split: string; txHash: string } & Prisma.InputJsonObject,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await authorize(tx, labelId, actor, action);
    await audit(tx, labelId, getAddress(actor), action, details);
  });
}
