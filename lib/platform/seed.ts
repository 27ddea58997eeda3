import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestClient, http, parseEther, publicActions } from 'viem';
import { localChain, LOCAL_CHAIN_ID } from '../config/chains';
import { localDevAccounts, LOCAL_DEV_MNEMONIC } from '../chain/dev-accounts';
import type { PrismaClient } from '../db/client';

export type SeedResult = { accounts: number; toppedUp: number; profiles: number; accountsFile: string };

const MIN_BALANCE = parseEther('1000');
const TOP_UP_TO = parseEther('10000');

/**
 * Local demo data: anvil's dev accounts funded (topped up if a demo spent them down), listed in a file marked
 * local-only, and given demo profiles. Idempotent: a second run changes nothing that is already in place.
 */
export async function seedLocalDemo(params: {
  rpcUrl: string;
  prisma: PrismaClient;
  dataDir: string;
}): Promise<SeedResult> {
  const client = createTestClient({
    chain: localChain(params.rpcUrl),
    mode: 'anvil',
    transport: http(params.rpcUrl),
  }).extend(publicActions);
  const chainId = await client.getChainId();
  if (chainId !== LOCAL_CHAIN_ID)
    throw new Error(`Refusing to seed chain ${chainId}: the demo seed is for the local chain only`);
  const accounts = localDevAccounts();
  let toppedUp = 0;
  for (const account of accounts) {
    const balance = await client.getBalance({ address: account.address });
    if (balance < MIN_BALANCE) {
      await client.setBalance({ address: account.address, value: TOP_UP_TO });
      toppedUp++;
    }
  }
  for (const account of accounts) {
    await params.prisma.profile.upsert({
      where: { address: account.address },
      create: {
        address: account.address,
        displayName: `Local ${account.role} #${account.index} (dev key)`,
        bio: 'Local-only demo account. Its private key is public.',
      },
      update: {},
    });
  }
  const accountsFile = path.join(params.dataDir, 'LOCAL-DEV-ACCOUNTS.txt');
  await mkdir(params.dataDir, { recursive: true });
  await writeFile(
    accountsFile,
    [
      "LOCAL-ONLY DEV ACCOUNTS — these private keys are public knowledge (anvil's test mnemonic).",
      'Never send real funds to them and never use them on any chain but the local one.',
      `Mnemonic: ${LOCAL_DEV_MNEMONIC}`,
      '',
      ...accounts.map((a) => `#${a.index} ${a.role.padEnd(9)} ${a.address} ${a.privateKey}`),
      '',
    ].join('\n'),
  );
  return { accounts: accounts.length, toppedUp, profiles: accounts.length, accountsFile };
}
