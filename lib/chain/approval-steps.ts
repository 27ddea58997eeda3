import { erc20Abi, type Account, type Address, type Chain, type Client, type Hash, type Transport } from 'viem';
import { readContract, simulateContract, writeContract } from 'viem/actions';

/** One transaction of a multi-step action: `send` simulates it (a refusal surfaces before signing), then signs it. */
export type ChainStep = { label: string; send: () => Promise<Hash> };

export type ApprovalClients = {
  /** Reads the allowance and simulates (the page's public client, or a test's). */
  publicClient: Client;
  /** The paying account's wallet. */
  walletClient: Client<Transport, Chain | undefined, Account>;
};

export type ApprovalStepsParameters = {
  /** The ERC-20 paid in. */
  token: Address;
  /** The contract that pulls the payment (the Market, TrackCollection, ...). */
  spender: Address;
  /** Smallest units the spender will pull. */
  amount: bigint;
  /** What the step is called in the progress line, e.g. "Allow the market to take tUSD". */
  label: string;
};

/**
 * The approval an ERC-20 payment needs before the paying call (issue #20): none when the account's allowance for
 * `spender` already covers `amount` (or the amount is zero), otherwise one step approving exactly `amount`. The one
 * approve-then-send shape for every action priced in a token (market trades, voucher redemptions).
 */
export async function approvalSteps(
  clients: ApprovalClients,
  { token, spender, amount, label }: ApprovalStepsParameters,
): Promise<ChainStep[]> {
  const { publicClient, walletClient } = clients;
  const account = walletClient.account;
  if (amount === 0n) return [];
  const allowance = await readContract(publicClient, {
    address: token,
    abi: erc20Abi,
    functionName: 'allowance',
    args: [account.address, spender],
  });
  if (allowance >= amount) return [];
  return [
    {
      label,
      send: async () =>
        writeContract(walletClient, {
          ...(
            await simulateContract(publicClient, {
              address: token,
              abi: erc20Abi,
              functionName: 'approve',
              args: [spender, amount],
              account,
            })
          ).request,
          chain: walletClient.chain,
        }),
    },
  ];
}
