import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createTestClient, http, parseEther, publicActions } from 'viem';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localDevAccounts } from '../chain/dev-accounts';
import { createPrismaClient } from '../db/client';
import { seedLocalDemo } from './seed';

const prisma = createPrismaClient(inject('databaseUrl'));
afterAll(() => prisma.$disconnect());

describe('seedLocalDemo', () => {
  it('tops up spent dev accounts, writes the local-only key file, creates profiles, and is idempotent', async () => {
    const dir = await mkdtemp(path.join(inject('servicesDir'), 'seed-'));
    const client = createTestClient({ mode: 'anvil', transport: http(inject('rpcUrl')) }).extend(publicActions);
    const collector = localDevAccounts(3)[2]!;
    await client.setBalance({ address: collector.address, value: parseEther('1') });

    const first = await seedLocalDemo({ rpcUrl: inject('rpcUrl'), prisma, dataDir: dir });
    expect(first.toppedUp).toBe(1);
    expect(await client.getBalance({ address: collector.address })).toBe(parseEther('10000'));
    const keys = await readFile(first.accountsFile, 'utf8');
    expect(keys).toMatch(/^LOCAL-ONLY DEV ACCOUNTS/);
    expect(keys).toContain(collector.privateKey);
    expect(await prisma.profile.count({ where: { address: { in: localDevAccounts().map((a) => a.address) } } })).toBe(
      10,
    );

    const second = await seedLocalDemo({ rpcUrl: inject('rpcUrl'), prisma, dataDir: dir });
    expect(second.toppedUp).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });
});
