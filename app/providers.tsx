'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useState, type ReactNode } from 'react';
import { WagmiProvider } from 'wagmi';
import type { MotifContractAddresses } from '../lib/chain/contracts';
import { createMotifWagmiConfig, type ChainDescriptor } from '../lib/chain/wagmi-config';

export const DeploymentContext = createContext<MotifContractAddresses | null>(null);
/** The configured chain as the server described it (its currency and stack: app/_hooks/use-chain-info.ts). */
export const ChainContext = createContext<ChainDescriptor | null>(null);

export function Providers({
  chain,
  addresses,
  children,
}: {
  chain: ChainDescriptor;
  addresses: MotifContractAddresses | null;
  children: ReactNode;
}) {
  const [config] = useState(() =>
    createMotifWagmiConfig(chain, { walletConnectProjectId: process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID }),
  );
  const [queryClient] = useState(() => new QueryClient());
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <ChainContext.Provider value={chain}>
          <DeploymentContext.Provider value={addresses}>{children}</DeploymentContext.Provider>
        </ChainContext.Provider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
