import { createConfig, http, type Config } from 'wagmi';
import { injected } from 'wagmi/connectors';
import { defineChain, type Chain } from 'viem';

export type ChainDescriptor = { id: number; name: string; rpcUrl: string; testnet: boolean };

/** A serialisable description of the configured chain, passed from the server to the browser. */
export function describeChain(chain: Chain, rpcUrl: string): ChainDescriptor {
  return { id: chain.id, name: chain.name, rpcUrl, testnet: chain.testnet ?? false };
}

/** wagmi's configuration for the chain Motif is set to (injected wallets; more connectors come with the wallet flows). */
export function createMotifWagmiConfig(descriptor: ChainDescriptor): Config {
  const chain = defineChain({
    id: descriptor.id,
    name: descriptor.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [descriptor.rpcUrl] } },
    testnet: descriptor.testnet,
  });
  return createConfig({
    chains: [chain],
    connectors: [injected()],
    transports: { [chain.id]: http(descriptor.rpcUrl) },
    ssr: true,
  });
}
