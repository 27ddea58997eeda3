'use client';

import { erc20Abi, type Address } from 'viem';
import { useReadContracts } from 'wagmi';
import { formatAmount, type Currency } from '../../../../lib/format/amount';
import { useNativeCurrency } from '../../../_hooks/use-chain-info';

/**
 * The currency a phase is priced in: the chain's native one, or the ERC-20 the index names (its symbol and decimals
 * read from the token), with the formatter of its amounts. `ready` is false until the token's details are read.
 */
export function usePhaseCurrency(token: Address | null): {
  currency: Currency;
  format: (baseUnits: bigint | string) => string;
  ready: boolean;
} {
  const native = useNativeCurrency();
  const reads = useReadContracts({
    contracts: token
      ? [
          { address: token, abi: erc20Abi, functionName: 'symbol' },
          { address: token, abi: erc20Abi, functionName: 'decimals' },
        ]
      : [],
    allowFailure: false,
    query: { enabled: token !== null, staleTime: Infinity },
  });
  const [symbol, decimals] = reads.data ?? [];
  const currency: Currency =
    token === null
      ? native
      : { symbol: typeof symbol === 'string' ? symbol : 'tokens', decimals: Number(decimals ?? 0) };
  const ready = token === null || reads.data !== undefined;
  return { currency, ready, format: (baseUnits) => (ready ? formatAmount(baseUnits, currency) : '…') };
}
