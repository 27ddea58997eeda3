/**
 * `npm run contracts:deploy`: deploys (or finds) Motif's contracts on the configured chain — the local anvil, an L3
 * preset (MOTIF_CHAIN) or any RPC (MOTIF_RPC_URL + MOTIF_CHAIN_ID) — and writes
 * MOTIF_DATA_DIR/deployments/<chainId>.json. Idempotent: a recorded deployment whose addresses have code is reused.
 */
import path from 'node:path';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { resolveChain } from '../../lib/config/chains';
import { loadCliEnv } from '../../lib/config/cli-env';
import { resolveLayout, usesLocalChain } from '../../lib/config/env';
import { deployContracts } from '../../lib/contracts/deploy';

const env = loadCliEnv();
const { chain, rpcUrl, stablecoin } = resolveChain(env);
const key = env.DEPLOYER_PRIVATE_KEY ?? (usesLocalChain(env) ? localDevAccounts(1)[0]!.privateKey : undefined);
if (!key) {
  console.error(`DEPLOYER_PRIVATE_KEY is required to deploy on ${chain.name} (chain ${chain.id}).`);
  process.exit(2);
}
const publicClient = createPublicClient({ chain, transport: http(rpcUrl) });
const actual = await publicClient.getChainId();
if (actual !== chain.id) {
  console.error(`${rpcUrl} answers chain id ${actual}, but the configuration says ${chain.id}.`);
  process.exit(2);
}
const walletClient = createWalletClient({ chain, account: privateKeyToAccount(key), transport: http(rpcUrl) });
const deploymentPath = path.join(resolveLayout(env).deploymentsDir, `${chain.id}.json`);
const { deployment, reused } = await deployContracts({
  publicClient,
  walletClient,
  deploymentPath,
  stablecoin: stablecoin ?? null,
});
console.log(
  `${reused ? 'Found' : 'Deployed'} on ${chain.name} (chain ${chain.id}), recorded in ${path.relative(process.cwd(), deploymentPath)}:`,
);
for (const [name, c] of Object.entries(deployment.contracts)) console.log(`  ${name} ${c.address}`);
