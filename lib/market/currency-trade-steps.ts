import type { Account, Address, Chain, Client, Hash, Transport } from 'viem';
import { simulateContract, writeContract } from 'viem/actions';
import { approvalSteps, type ChainStep } from '../chain/approval-steps';
import { marketAbi } from '../contracts/abi';

export type CurrencyTradeClients = {
  /** Reads and simulates (the page's public client, or a test's). */
  publicClient: Client;
  /** The account's wallet: it signs each step. */
  walletClient: Client<Transport, Chain | undefined, Account>;
  market: Address;
  collection: Address;
};

/**
 * A Market action priced in an ERC-20 `currency` (issue #20); amounts in the token's smallest units. `buy` and `offer`
 * pay the Market from the account's token balance; `acceptOffer` names the buyer's exact amount and the most platform
 * fee the owner accepts; `withdraw` pulls the account's credits in the currency.
 */
export type CurrencyTrade =
  | { kind: 'list'; tokenId: bigint; currency: Address; price: bigint; expiry: bigint }
  | { kind: 'buy'; tokenId: bigint; currency: Address; price: bigint }
  | { kind: 'offer'; tokenId: bigint; currency: Address; amount: bigint; expiry: bigint }
  | { kind: 'cancelOffer'; tokenId: bigint; currency: Address }
  | { kind: 'acceptOffer'; tokenId: bigint; currency: Address; buyer: Address; amount: bigint; maxFeeBps: number }
  | { kind: 'withdraw'; currency: Address };

/**
 * The transactions a currency trade needs, in order: for a buy or an offer, first an ERC-20 approval of the Market
 * for exactly the amount when the account's allowance is short of it (none when it already covers it), then the
 * Market call. The caller sends them one by one and waits for each (the track page's progress line, or a test).
 */
export async function currencyTradeSteps(
  clients: CurrencyTradeClients,
  trade: CurrencyTrade,
  symbol: string,
): Promise<ChainStep[]> {
  const { publicClient, walletClient, market, collection } = clients;
  const account = walletClient.account;
  const chain = walletClient.chain;
  const m = { address: market, abi: marketAbi, account } as const;
  const step = (label: string, send: () => Promise<Hash>): ChainStep => ({ label, send });
  const pay = async (amount: bigint): Promise<ChainStep[]> =>
    approvalSteps(
      { publicClient, walletClient },
      { token: trade.currency, spender: market, amount, label: `Allow the market to take ${symbol}` },
    );
  switch (trade.kind) {
    case 'list': {
      const args = [collection, trade.tokenId, trade.currency, trade.price, trade.expiry] as const;
      return [
        step(`List in ${symbol}`, async () =>
          writeContract(walletClient, {
            ...(await simulateContract(publicClient, { ...m, functionName: 'listInCurrency', args })).request,
            chain,
          }),
        ),
      ];
    }
    case 'buy': {
      const args = [collection, trade.tokenId, trade.currency, trade.price] as const;
      return [
        ...(await pay(trade.price)),
        step(`Buy in ${symbol}`, async () =>
          writeContract(walletClient, {
            ...(await simulateContract(publicClient, { ...m, functionName: 'buyInCurrency', args })).request,
            chain,
          }),
        ),
      ];
    }
    case 'offer': {
      const args = [collection, trade.tokenId, trade.currency, trade.amount, trade.expiry] as const;
      return [
        ...(await pay(trade.amount)),
        step(`Offer in ${symbol}`, async () =>
          writeContract(walletClient, {
            ...(await simulateContract(publicClient, { ...m, functionName: 'makeOfferInCurrency', args })).request,
            chain,
          }),
        ),
      ];
    }
    case 'cancelOffer': {
      const args = [collection, trade.tokenId, trade.currency] as const;
      return [
        step(`Withdraw the offer in ${symbol}`, async () =>
          writeContract(walletClient, {
            ...(await simulateContract(publicClient, { ...m, functionName: 'cancelOfferInCurrency', args })).request,
            chain,
          }),
        ),
      ];
    }
    case 'acceptOffer': {
      const args = [collection, trade.tokenId, trade.buyer, trade.currency, trade.amount, trade.maxFeeBps] as const;
      return [
        step(`Accept the offer in ${symbol}`, async () =>
          writeContract(walletClient, {
            ...(await simulateContract(publicClient, { ...m, functionName: 'acceptOfferInCurrency', args })).request,
            chain,
          }),
        ),
      ];
    }
    case 'withdraw': {
      const args = [account.address, trade.currency] as const;
      return [
        step(`Withdraw your ${symbol} credits`, async () =>
          writeContract(walletClient, {
            ...(await simulateContract(publicClient, { ...m, functionName: 'withdrawCurrency', args })).request,
            chain,
          }),
        ),
      ];
    }
  }
}
