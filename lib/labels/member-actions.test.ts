import type { Address } from 'viem';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { createLabel, inviteMember, removeMember } from './label-service';
import { changeMemberRole } from './member-actions';

// Two clients, so that the two owners' requests really run on separate connections, as on two web replicas.
const first = createPrismaClient(inject('databaseUrl'));
const second = createPrismaClient(inject('databaseUrl'));
const ALICE: Address = '0x7100000000000000000000000000000000000001';
const BOB: Address = '0x7200000000000000000000000000000000000002';
const CAROL: Address = '0x7300000000000000000000000000000000000003';
const TRIALS = 10;
const labels: string[] = [];

afterAll(async () => {
  await first.label.deleteMany({ where: { id: { in: labels } } });
  await Promise.all([first.$disconnect(), second.$disconnect()]);
});

async function twoOwners(): Promise<string> {
  const { id } = await createLabel(first, ALICE, 'Race Records');
  labels.push(id);
  await inviteMember(first, ALICE, id, BOB, 'owner');
  return id;
}

async function owners(labelId: string): Promise<string[]> {
  return (await first.labelMember.findMany({ where: { labelId, role: 'owner' }, select: { address: true } })).map(
    (m) => m.address,
  );
}

type Race = (labelId: string) => [Promise<void>, Promise<void>];

const RACES: Record<string, Race> = {
  'demote each other': (id) => [
    changeMemberRole(first, ALICE, id, BOB, 'manager'),
    changeMemberRole(second, BOB, id, ALICE, 'viewer'),
  ],
  'remove each other': (id) => [removeMember(first, ALICE, id, BOB), removeMember(second, BOB, id, ALICE)],
  'one removes while the other demotes': (id) => [
    removeMember(first, ALICE, id, BOB),
    changeMemberRole(second, BOB, id, ALICE, 'manager'),
  ],
  're-invite each other as viewers': (id) => [
    inviteMember(first, ALICE, id, BOB, 'viewer'),
    inviteMember(second, BOB, id, ALICE, 'viewer'),
  ],
};

describe('the last-owner rule under concurrency (real PostgreSQL, separate connections)', () => {
  for (const [name, race] of Object.entries(RACES)) {
    it(`keeps exactly one owner when two owners ${name} at once (${TRIALS} trials)`, async () => {
      for (let trial = 0; trial < TRIALS; trial++) {
        const id = await twoOwners();
        const results = await Promise.allSettled(race(id));
        // One change wins; the other is refused because its actor is no longer an owner or would leave none.
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(await owners(id)).toHaveLength(1);
      }
    });
  }

  it('refuses to demote the last owner by re-inviting them with another role', async () => {
    const { id } = await createLabel(first, CAROL, 'Solo Records');
    labels.push(id);
    await expect(inviteMember(first, CAROL, id, CAROL, 'manager')).rejects.toThrow(/at least one owner/);
    expect(await owners(id)).toEqual([CAROL]);
  });
});
