'use client';

import { useQuery } from '@tanstack/react-query';
import { useContext } from 'react';
import { getAddress, isAddress, type Address } from 'viem';
import { useConfig } from 'wagmi';
import { getPublicClient } from 'wagmi/actions';
import { z } from 'zod';
import { readBalance, type AccountBalance } from '../../lib/balance/read-balance';
import { useStablecoin } from '../_hooks/use-chain-info';
import { DeploymentContext } from '../providers';

const address = z
  .string()
  .refine((a) => isAddress(a, { strict: false }), 'not an address')
  .transform((a) => getAddress(a));
const splitsAnswer = z.object({
  splits: z.array(z.object({ split: address, accounts: z.array(address), shares: z.array(z.number()) })),
  tokens: z.array(address),
});

const accountBalanceKey = (account: Address | undefined) => ['account-balance', account] as const;

/** Everything `account` can withdraw (lib/balance/read-balance.ts), its splits from the index, the rest from the chain. */
export function useAccountBalance(account: Address | undefined) {
  const config = useConfig();
  const contracts = useContext(DeploymentContext);
  // The Market credits sales and royalties in the stablecoin too (issue #20): always read it beside the splits' tokens.
  const stablecoin = useStablecoin();
  return useQuery<AccountBalance>({
    queryKey: accountBalanceKey(account),
    enabled: account !== undefined && contracts !== null,
    queryFn: async () => {
      if (!account || !contracts) throw new Error('No account or contracts');
      const response = await fetch(`/api/balance/splits?account=${account}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`Reading your splits failed (HTTP ${response.status})`);
      const { splits, tokens } = splitsAnswer.parse(await response.json());
      const client = getPublicClient(config);
      if (!client) throw new Error('No chain client');
      const all =
        stablecoin && !tokens.includes(getAddress(stablecoin.address))
          ? [...tokens, getAddress(stablecoin.address)]
          : tokens;
      return readBalance(client, { account, contracts, splits, tokens: all });
    },
  });
}
