'use client';

import { useContext } from 'react';
import { DEFAULT_NATIVE_CURRENCY, type ChainStack, type NativeCurrency } from '../../lib/config/chains';
import { formatAmount } from '../../lib/format/amount';
import { ChainContext } from '../providers';

/** The configured chain's gas token: every amount a client component shows is in it (lib/format/amount.ts). */
export function useNativeCurrency(): NativeCurrency {
  return useContext(ChainContext)?.nativeCurrency ?? DEFAULT_NATIVE_CURRENCY;
}

/** How the configured chain charges its parent chain's data fee (the fee preview reads it: lib/chain/fees). */
export function useChainStack(): ChainStack {
  return useContext(ChainContext)?.stack ?? 'none';
}

/** `(baseUnits) => "1.5 DEGEN"`: an exact amount in the chain's currency (lib/format/amount.ts). */
export function useFormatAmount(): (baseUnits: bigint | string) => string {
  const currency = useNativeCurrency();
  return (baseUnits) => formatAmount(baseUnits, currency);
}

/** The chain's ERC-20 stablecoin prices may be in (issue #20), or null when none is deployed or configured. */
export function useStablecoin(): { address: `0x${string}`; symbol: string; decimals: number } | null {
  return useContext(ChainContext)?.stablecoin ?? null;
}
