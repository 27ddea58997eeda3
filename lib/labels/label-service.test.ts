import { toHex, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { LabelForbiddenError, LabelRequestError, NotALabelMemberError } from './errors';
import { createLabel, inviteMember, recordSplitAction, removeMember } from './label-service';
import { can, LABEL_ACTIONS } from './permissions';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_003;
const OWNER: Address = '0x1111111111111111111111111111111111111111';
const MANAGER: Address = '0x2222222222222222222222222222222222222222';
const VIEWER: Address = '0x3333333333333333333333333333333333333333';
const STRANGER: Address = '0x4444444444444444444444444444444444444444';
const CREATOR: Address = '0x5555555555555555555555555555555555555555';
let labelId: string;

beforeAll(async () => {
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.track.createMany({
    data: ['11', '12', '13'].map((tokenId, i) => ({
      chainId: CHAIN,
      tokenId,
      creator: i < 2 ? CREATOR : OWNER,
      owner: CREATOR,
      contentDigest: toHex(BigInt(tokenId), { size: 32 }),
      manifestDigest: toHex(0n, { size: 32 }),
      licence: 1,
      royaltyReceiver: CREATOR,
      royaltyBps: 500,
      mintedBlock: BigInt(i),
      mintedTx: '0x0',
    })),
  });
  labelId = (await createLabel(prisma, OWNER, 'North Sea Records')).id;
  await inviteMember(prisma, OWNER, labelId, MANAGER, 'manager');
  await inviteMember(prisma, OWNER, labelId, VIEWER.toLowerCase(), 'viewer');
});
afterAll(async () => {
  await prisma.label.deleteMany({ where: { id: labelId } });
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.$disconnect();
});

describe('label permissions', () => {
  it('gives viewers read-only actions, managers the catalogue and money, owners the members too', () => {
    for (const action of LABEL_ACTIONS) {
      expect(can('owner', action)).toBe(true);
      expect(can('viewer', action)).toBe(action === 'label.view' || action === 'statement.export');
      expect(can('manager', action)).toBe(!action.startsWith('member.'));
      expect(can(null, action)).toBe(false);
    }
  });
});

// Catalogue additions (the creator's consent, split control) are tried in ./catalogue-requests.test.ts.
describe('label service', () => {
  it('lets only owners invite and remove, and keeps the last owner', async () => {
    await expect(inviteMember(prisma, MANAGER, labelId, STRANGER, 'viewer')).rejects.toBeInstanceOf(
      LabelForbiddenError,
    );
    await expect(inviteMember(prisma, OWNER, labelId, 'not-an-address', 'viewer')).rejects.toBeInstanceOf(
      LabelRequestError,
    );
    await expect(removeMember(prisma, OWNER, labelId, OWNER)).rejects.toThrow(/at least one owner/);
    await inviteMember(prisma, OWNER, labelId, STRANGER, 'viewer');
    await removeMember(prisma, OWNER, labelId, STRANGER);
    await expect(
      recordSplitAction(prisma, STRANGER, labelId, 'split.update', { split: CREATOR, txHash: '0x1' }),
    ).rejects.toBeInstanceOf(NotALabelMemberError);
    await recordSplitAction(prisma, MANAGER, labelId, 'split.update', { split: CREATOR, txHash: '0x1' });
  });

  it('records who did what, in order, for every change', async () => {
    const log = await prisma.labelAuditEntry.findMany({ where: { labelId }, orderBy: { id: 'asc' } });
    expect(log.map((e) => `${e.actor.slice(0, 4)} ${e.action}`)).toEqual([
      '0x11 label.create',
      '0x11 member.invite',
      '0x11 member.invite',
      '0x11 member.invite',
      '0x11 member.remove',
      '0x22 split.update',
    ]);
  });
});
