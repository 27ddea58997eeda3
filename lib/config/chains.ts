import { defineChain, type Chain } from 'viem';
import { apeChain, b3, degen, ham, sanko, xai, xaiTestnet } from 'viem/chains';

/**
 * Chain presets. `local` is the anvil chain `npm start` runs; the others are low-fee L3s (Arbitrum Orbit and
 * OP-stack chains settling on an L2) as viem defines them.
 */
export const CHAIN_PRESETS = {
  local: 'local',
  degen: degen,
  ham: ham,
  xai: xai,
  'xai-testnet': xaiTestnet,
  sanko: sanko,
  apechain: apeChain,
  b3: b3,
} as const;

export type ChainPreset = keyof typeof CHAIN_PRESETS;

export const LOCAL_CHAIN_ID = 31337;

/** The local anvil chain, with its RPC on 127.0.0.1 (wagmi's mock connector sends through the default RPC URL). */
export function localChain(rpcUrl: string): Chain {
  return defineChain({
    id: LOCAL_CHAIN_ID,
    name: 'Motif local (anvil)',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    testnet: true,
  });
}

/** A chain given only by RPC URL and id (any EVM chain not in the presets). */
export function customChain(id: number, rpcUrl: string): Chain {
  return defineChain({
    id,
    name: `Chain ${id}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** The chain Motif talks to and its RPC URL, from the validated environment. */
export function resolveChain(env: { MOTIF_CHAIN?: ChainPreset; MOTIF_RPC_URL?: string; MOTIF_CHAIN_ID?: number; MOTIF_ANVIL_PORT: number }): { chain: Chain; rpcUrl: string } {
  const preset = env.MOTIF_CHAIN ?? 'local';
  if (preset === 'local') {
    const rpcUrl = env.MOTIF_RPC_URL ?? `http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`;
    return { chain: env.MOTIF_CHAIN_ID && env.MOTIF_CHAIN_ID !== LOCAL_CHAIN_ID ? customChain(env.MOTIF_CHAIN_ID, rpcUrl) : localChain(rpcUrl), rpcUrl };
  }
  const chain = CHAIN_PRESETS[preset];
  const rpcUrl = env.MOTIF_RPC_URL ?? chain.rpcUrls.default.http[0] ?? '';
  return { chain, rpcUrl };
}
