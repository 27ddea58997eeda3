import { existsSync } from 'node:fs';
import type { Account, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem';
import { loadArtifact, compileContracts } from './compile';
import { readDeployment, writeDeployment, type DeployedContract, type Deployment } from './deployment';

export type DeployContractsParameters = {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  /** e.g. `.motif/deployments/31337.json` */
  deploymentPath: string;
  /** Owner of the Market (fee settings); defaults to the deployer. */
  marketOwner?: `0x${string}`;
};

/**
 * Deploys TrackCollection, SplitMain and Market (in that order) and writes the deployment file; idempotent:
 * when the file exists for this chain and code is present at each of its addresses, it is reused as is.
 */
export async function deployContracts(
  params: DeployContractsParameters,
): Promise<{ deployment: Deployment; reused: boolean }> {
  const { publicClient, walletClient, deploymentPath } = params;
  const chainId = await publicClient.getChainId();

  if (existsSync(deploymentPath)) {
    const existing = safeRead(deploymentPath);
    if (existing && existing.chainId === chainId && (await allHaveCode(publicClient, existing))) {
      return { deployment: existing, reused: true };
    }
  }

  const compiled = await compileContracts();
  const deployer = walletClient.account;
  const deploy = async (name: 'TrackCollection' | 'SplitMain' | 'Market', args: readonly unknown[]): Promise<DeployedContract> => {
    const artifact = await loadArtifact(name);
    const txHash = await walletClient.deployContract({
      abi: artifact.abi,
      bytecode: artifact.bytecode,
      args,
      account: deployer,
      chain: walletClient.chain,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deploying ${name} failed (${txHash})`);
    return { address: receipt.contractAddress, txHash: txHash as Hex, blockNumber: Number(receipt.blockNumber) };
  };

  const TrackCollection = await deploy('TrackCollection', ['Motif Tracks', 'MOTIF']);
  const SplitMain = await deploy('SplitMain', []);
  const Market = await deploy('Market', [params.marketOwner ?? deployer.address]);
  const deployment: Deployment = {
    chainId,
    contracts: { TrackCollection, SplitMain, Market },
    deployedAt: new Date().toISOString(),
    compilerVersion: compiled.compilerVersion,
    sourcesHash: compiled.sourcesHash,
  };
  writeDeployment(deploymentPath, deployment);
  return { deployment, reused: false };
}

function safeRead(filePath: string): Deployment | undefined {
  try {
    return readDeployment(filePath);
  } catch {
    return undefined;
  }
}

async function allHaveCode(publicClient: PublicClient, deployment: Deployment): Promise<boolean> {
  for (const c of Object.values(deployment.contracts)) {
    const code = await publicClient.getCode({ address: c.address });
    if (!code || code === '0x') return false;
  }
  return true;
}
