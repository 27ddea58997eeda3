import { createPublicClient, http, type PublicClient } from 'viem';
import { customChain, localChain, LOCAL_CHAIN_ID } from '../config/chains';
import { readDeployment } from '../contracts/deployment';
import type { VerifyChainOptions } from './verify-track';

export type ChainOptionsParameters = { rpcUrl: string; chainId: number; deploymentPath: string };

/**
 * What `verifyTrack` needs to read the chain, from an RPC URL, a chain id and the deployment file
 * (`.motif/deployments/<chainId>.json`): the TrackCollection address and its deployment block. Answers a reason
 * instead when no deployment is recorded.
 */
export function chainOptionsFor(params: ChainOptionsParameters): { chain: VerifyChainOptions } | { problem: string } {
  let deployment;
  try {
    deployment = readDeployment(params.deploymentPath);
  } catch (error) {
    return {
      problem: `no deployment at ${params.deploymentPath} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    };
  }
  if (deployment.chainId !== params.chainId)
    return { problem: `${params.deploymentPath} is for chain ${deployment.chainId}, not ${params.chainId}` };
  const chain =
    params.chainId === LOCAL_CHAIN_ID ? localChain(params.rpcUrl) : customChain(params.chainId, params.rpcUrl);
  const publicClient = createPublicClient({ chain, transport: http(params.rpcUrl) }) as PublicClient;
  const c = deployment.contracts.TrackCollection;
  return { chain: { publicClient, chainId: params.chainId, collection: c.address, fromBlock: BigInt(c.blockNumber) } };
}
