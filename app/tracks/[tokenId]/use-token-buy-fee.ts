'use client';

import { useEffect, useState } from 'react';
import { encodeFunctionData, type Address } from 'viem';
import { getPublicClient } from 'wagmi/actions';
import { marketAbi } from '../../../lib/contracts/abi';
import { previewTokenActionFee } from '../../../lib/chain/fees/preview-token-action-fee';
import { useChainStack } from '../../_hooks/use-chain-info';
import type { Trade } from './trade-steps';

/**
 * The network fee, in the chain's own currency, of buying this listing in an ERC-20 (issue #20): the approve when the
 * allowance is short plus buyInCurrency, as lib/chain/fees/preview-token-action-fee.ts prices them. Null while
 * unknown (no listing in a token, still estimating, or the estimate failed: the page then names the currency only).
 */
export function useTokenBuyFee(trade: Trade, currency: Address | null, price: bigint, symbol: string): bigint | null {
  const stack = useChainStack();
  const [fee, setFee] = useState<{ key: string; wei: bigint } | null>(null);
  const { config, account, id, collection, market } = trade;
  const key = `${account}:${id}:${currency}:${price}`;

  useEffect(() => {
    if (!currency) return;
    const client = getPublicClient(config);
    if (!client) return;
    let live = true;
    previewTokenActionFee(client, {
      stack,
      account,
      token: currency,
      spender: market.address,
      amount: price,
      approveLabel: `Allow the market to take ${symbol}`,
      action: {
        label: `Buy in ${symbol}`,
        to: market.address,
        data: encodeFunctionData({
          abi: marketAbi,
          functionName: 'buyInCurrency',
          args: [collection.address, id, currency, price],
        }),
      },
    }).then(
      (preview) => live && setFee({ key, wei: preview.totalWei }),
      () => {}, // no number then: the breakdown still names the fee's currency, and the wallet shows the fee
    );
    return () => {
      live = false;
    };
  }, [config, stack, account, id, collection.address, market.address, currency, price, symbol, key]);

  return fee?.key === key ? fee.wei : null;
}
