import path from 'node:path';
import { createPublicClient, createWalletClient, defineChain, http, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { deployContracts } from '../../lib/contracts/deploy';

/** Anvil's default dev account 0 (public knowledge; only for the local chain). */
const ANVIL_KEY_0: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

const rpcUrl = process.env.RPC_URL ?? 'http://127.0.0.1:8545';
const key = (process.env.DEPLOYER_PRIVATE_KEY ?? ANVIL_KEY_0) as Hex;
const account = privateKeyToAccount(key);

const probe = createPublicClient({ transport: http(rpcUrl) });
const chainId = await probe.getChainId();
const chain = defineChain({
  id: chainId,
  name: `chain-${chainId}`,
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
const publicClient = createPublicClient({ chain, transport: http(rpcUrl) });
const walletClient = createWalletClient({ chain, account, transport: http(rpcUrl) });
const deploymentPath = path.join('.motif', 'deployments', `${chainId}.json`);

const { deployment, reused } = await deployContracts({ publicClient, walletClient, deploymentPath });
console.log(`${reused ? 'Reused' : 'Deployed'} on chain ${chainId} (${deploymentPath}):`);
for (const [name, c] of Object.entries(deployment.contracts)) console.log(`  ${name} ${c.address}`);
