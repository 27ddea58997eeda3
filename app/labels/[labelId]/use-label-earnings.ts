'use client';

import { useQuery } from '@tanstack/react-query';
import { erc20Abi, type Address } from 'viem';
import { useReadContracts } from 'wagmi';
import { formatAssetAmount, type TokenInfo } from '../../../lib/labels/format-amount';
import { useNativeCurrency } from '../../_hooks/use-chain-info';
import { api } from '../api-client';
import type { SeriesPoint } from './earnings-chart';

export type AssetTotals = {
  byTrack: { tokenId: string; primarySales: string; resaleRoyalties: string }[];
  byPayee: { account: string; credited: string; withdrawn: string }[];
  distributed: string;
  withdrawn: string;
  undistributed: Record<string, string>;
  unwithdrawn: Record<string, string>;
  /** Resale royalties the Market holds for each split until `Market.withdraw(split)` (ETH only). */
  marketCredits?: Record<string, string>;
  /** Not yet distributed: in the split wallets plus at the Market. */
  pendingDistribution?: string;
};
type Earnings = {
  period: { from: string; to: string } | null;
  assets: string[];
  byAsset: Record<string, AssetTotals>;
  series: SeriesPoint[];
  rowCount: number;
};

/** The label's earnings for the period (all time when null), and a formatter for each asset's amounts. */
export function useLabelEarnings(labelId: string, applied: { from: string; to: string } | null) {
  const query = applied ? `?from=${applied.from}&to=${applied.to}` : '';
  const earnings = useQuery({
    queryKey: ['label-earnings', labelId, query],
    queryFn: () => api<Earnings>(`/api/labels/${labelId}/earnings${query}`),
    refetchInterval: 5000,
  });
  const currency = useNativeCurrency();
  // ERC-20 amounts in each token's own decimals and symbol, read from the token contracts.
  const tokens = (earnings.data?.assets ?? []).filter((a) => a !== 'ETH') as Address[];
  const tokenReads = useReadContracts({
    contracts: tokens.flatMap((address) => [
      { address, abi: erc20Abi, functionName: 'decimals' } as const,
      { address, abi: erc20Abi, functionName: 'symbol' } as const,
    ]),
    query: { enabled: tokens.length > 0 },
  });
  const tokenInfo = new Map<string, TokenInfo>();
  tokens.forEach((address, i) => {
    const decimals = tokenReads.data?.[2 * i]?.result;
    const symbol = tokenReads.data?.[2 * i + 1]?.result;
    if (typeof decimals === 'number' && typeof symbol === 'string') tokenInfo.set(address, { decimals, symbol });
  });
  const amount = (baseUnits: string, asset: string) =>
    formatAssetAmount(baseUnits, asset, currency, tokenInfo.get(asset));
  return { earnings, tokenInfo, amount };
}
