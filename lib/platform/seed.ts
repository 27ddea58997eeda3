import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestClient, http, parseUnits, publicActions } from 'viem';
import { DEFAULT_NATIVE_CURRENCY, localChain, LOCAL_CHAIN_ID, type NativeCurrency } from '../config/chains';
import { localDevAccounts, LOCAL_DEV_MNEMONIC } from '../chain/dev-accounts';
import type { PrismaClient } from '../db/client';

export type SeedResult = { accounts: number; toppedUp: number; profiles: number; accountsFile: string };

/** Whole units of the chain's native currency (its decimals, not ether's). */
const MIN_BALANCE = '1000';
const TOP_UP_TO = '10000';

/**
 * Local demo data: anvil's dev accounts funded (topped up if a demo spent them down), listed in a file marked
 * local-only, and given demo profiles. Idempotent: a second run changes nothing that is already in place.
 */
export async function seedLocalDemo(params: {
  rpcUrl: string;
  prisma: PrismaClient;
  dataDir: string;
  /** The local chain's configured currency (default ETH). */
  nativeCurrency?: NativeCurrency;
}): Promise<SeedResult> {
  const nativeCurrency = params.nativeCurrency ?? DEFAULT_NATIVE_CURRENCY;
  const minBalance = parseUnits(MIN_BALANCE, nativeCurrency.decimals);
  const topUpTo = parseUnits(TOP_UP_TO, nativeCurrency.decimals);
  const client = createTestClient({
    chain: localChain(params.rpcUrl, nativeCurrency),
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
    if (balance < minBalance) {
      await client.setBalance({ address: account.address, value: topUpTo });
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
