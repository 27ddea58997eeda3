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
 * when the file exists for this chain, code is present at each of its addresses and it was compiled from these
 * sources, it is reused as is (from other sources: DeploymentOutdatedError).
 */
export async function deployContracts(
  params: DeployContractsParameters,
): Promise<{ deployment: Deployment; reused: boolean }> {
  const { publicClient, walletClient, deploymentPath } = params;
  const chainId = await publicClient.getChainId();

  const compiled = await compileContracts();
  if (existsSync(deploymentPath)) {
    const existing = safeRead(deploymentPath);
    if (existing && existing.chainId === chainId && (await allHaveCode(publicClient, existing))) {
      // Contracts built from other sources (e.g. v1 before the v2 upgrade) are never reused silently: their tokens,
      // splits and listings follow other rules. The local chain's data has to be reset instead (README, upgrading).
      if (existing.sourcesHash !== compiled.sourcesHash) throw new DeploymentOutdatedError(deploymentPath, existing.sourcesHash, compiled.sourcesHash);
      return { deployment: existing, reused: true };
    }
  }

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

/** The chain holds contracts compiled from other sources than the ones in this checkout. */
export class DeploymentOutdatedError extends Error {
  override name = 'DeploymentOutdatedError';
  constructor(
    readonly deploymentPath: string,
    readonly deployedSourcesHash: string,
    readonly currentSourcesHash: string,
  ) {
    super(
      `the contracts recorded in ${deploymentPath} were built from other sources (${deployedSourcesHash.slice(0, 10)}…) than this checkout's (${currentSourcesHash.slice(0, 10)}…). ` +
        'Contracts v2 is a fresh deployment: stop Motif and delete the local data folder (.motif, or MOTIF_DATA_DIR) to start over with the new contracts.',
    );
  }
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
