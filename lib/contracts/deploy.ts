import { existsSync, readFileSync } from 'node:fs';
import type { Account, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem';
import { loadArtifact, compileContracts, type AppContractName } from './compile';
import {
  deploymentSchema,
  readDeployment,
  writeDeployment,
  type DeployedContract,
  type Deployment,
} from './deployment';
import { BaseError } from '../errors/base';
import { LOCAL_CHAIN_ID, LOCAL_TEST_STABLECOIN, type StablecoinConfig } from '../config/chains';
import { editionsAbi, marketAbi, trackCollectionAbi } from './abi';

export type DeployContractsParameters = {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  /** e.g. `.motif/deployments/31337.json` */
  deploymentPath: string;
  /** Owner of the Market (fee settings); defaults to the deployer. */
  marketOwner?: `0x${string}`;
  /**
   * The stablecoin to allow in the Market (issue #20): a configured token, or `'local-test-token'` to deploy the
   * MotifTestUSD test token (anvil's chain id only). Default: the test token on the local chain, none elsewhere.
   * It is allowed in Editions and TrackCollection (the deployer owns their allowlists) and in the Market when the deployer owns it (otherwise
   * the Market's owner must call `setCurrencyAllowed`).
   */
  stablecoin?: StablecoinConfig | 'local-test-token' | null;
};

/**
 * Deploys TrackCollection, SplitMain, Market and Editions (in that order), then on the local chain the MotifTestUSD test
 * stablecoin, allows the stablecoin in the Market, Editions and TrackCollection, and writes the deployment file; idempotent:
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
    // A file written before Editions existed (the others recorded, Editions missing) is an older platform's chain:
    // refused like other sources, never redeployed over silently.
    const legacy = legacyWithoutEditions(deploymentPath);
    if (legacy && legacy.chainId === chainId && (await allHaveCode(publicClient, legacy))) {
      throw new DeploymentOutdatedError(deploymentPath, legacy.sourcesHash, compiled.sourcesHash);
    }
    const existing = safeRead(deploymentPath);
    if (existing && existing.chainId === chainId && (await allHaveCode(publicClient, existing))) {
      // Contracts built from other sources (e.g. v1 before the v2 upgrade) are never reused silently: their tokens,
      // splits and listings follow other rules. The local chain's data has to be reset instead (README, upgrading).
      if (existing.sourcesHash !== compiled.sourcesHash)
        throw new DeploymentOutdatedError(deploymentPath, existing.sourcesHash, compiled.sourcesHash);
      return { deployment: existing, reused: true };
    }
  }

  const deployer = walletClient.account;
  const deploy = async (name: AppContractName, args: readonly unknown[]): Promise<DeployedContract> => {
    const artifact = await loadArtifact(name);
    const txHash = await walletClient.deployContract({
      abi: artifact.abi,
      bytecode: artifact.bytecode,
      args,
      account: deployer,
      chain: walletClient.chain,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
    if (receipt.status !== 'success' || !receipt.contractAddress)
      throw new Error(`deploying ${name} failed (${txHash})`);
    return { address: receipt.contractAddress, txHash: txHash as Hex, blockNumber: Number(receipt.blockNumber) };
  };

  const TrackCollection = await deploy('TrackCollection', ['Motif Tracks', 'MOTIF']);
  const SplitMain = await deploy('SplitMain', []);
  const Market = await deploy('Market', [params.marketOwner ?? deployer.address]);
  const Editions = await deploy('Editions', ['Motif Editions', 'MOTIFED']);
  const stablecoin = await setUpStablecoin(
    params.stablecoin === undefined ? (chainId === LOCAL_CHAIN_ID ? 'local-test-token' : null) : params.stablecoin,
  );
  const deployment: Deployment = {
    chainId,
    contracts: { TrackCollection, SplitMain, Market, Editions },
    ...(stablecoin ? { stablecoin } : {}),
    deployedAt: new Date().toISOString(),
    compilerVersion: compiled.compilerVersion,
    sourcesHash: compiled.sourcesHash,
  };
  writeDeployment(deploymentPath, deployment);
  return { deployment, reused: false };

  async function setUpStablecoin(
    choice: StablecoinConfig | 'local-test-token' | null,
  ): Promise<Deployment['stablecoin'] | undefined> {
    if (choice === null) return undefined;
    const coin =
      choice === 'local-test-token'
        ? {
            address: (await deploy(LOCAL_TEST_STABLECOIN.contract, [])).address,
            symbol: LOCAL_TEST_STABLECOIN.symbol,
            decimals: LOCAL_TEST_STABLECOIN.decimals,
            testToken: true,
          }
        : { ...choice, testToken: false };
    const allow = async (
      address: `0x${string}`,
      abi: typeof marketAbi | typeof editionsAbi | typeof trackCollectionAbi,
      name: string,
    ) => {
      const hash = await walletClient.writeContract({
        address,
        abi,
        functionName: 'setCurrencyAllowed',
        args: [coin.address, true],
        account: deployer,
        chain: walletClient.chain,
      });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') throw new Error(`allowing ${coin.symbol} in ${name} failed (${hash})`);
    };
    if ((params.marketOwner ?? deployer.address).toLowerCase() === deployer.address.toLowerCase())
      await allow(Market.address, marketAbi, 'the Market');
    // The deployer owns Editions' and TrackCollection's currency allowlists (vouchers priced in it, issue #20).
    await allow(Editions.address, editionsAbi, 'Editions');
    await allow(TrackCollection.address, trackCollectionAbi, 'TrackCollection');
    return coin;
  }
}

/** The chain holds contracts compiled from other sources than the ones in this checkout. */
export class DeploymentOutdatedError extends BaseError {
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

const legacyDeploymentSchema = deploymentSchema.extend({
  contracts: deploymentSchema.shape.contracts.omit({ Editions: true }).strict(),
});
type LegacyDeployment = { chainId: number; sourcesHash: Hex; contracts: Record<string, DeployedContract> };

/** The file as written before Editions was deployed (TrackCollection, SplitMain and Market only), or undefined. */
function legacyWithoutEditions(filePath: string): LegacyDeployment | undefined {
  try {
    const parsed = legacyDeploymentSchema.safeParse(JSON.parse(readFileSync(filePath, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function allHaveCode(
  publicClient: PublicClient,
  deployment: { contracts: Record<string, DeployedContract>; stablecoin?: { address: `0x${string}` } },
): Promise<boolean> {
  const addresses = Object.values(deployment.contracts).map((c) => c.address);
  if (deployment.stablecoin) addresses.push(deployment.stablecoin.address);
  for (const address of addresses) {
    const code = await publicClient.getCode({ address });
    if (!code || code === '0x') return false;
  }
  return true;
}
