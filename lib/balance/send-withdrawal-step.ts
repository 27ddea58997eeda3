import type { Account, Address, Chain, Client, Hash, Transport } from 'viem';
import { simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import type { MotifContractAddresses } from '../chain/contracts';
import { editionsAbi, marketAbi, splitMainAbi, trackCollectionAbi } from '../contracts/abi';
import { TransactionRevertedError } from '../errors';
import type { CreditContract, TokenCreditContract, WithdrawalStep } from './plan-withdrawal';

export type WithdrawalClients = {
  /** Reads, simulates and waits (the page's public client, or a test's). */
  publicClient: Client;
  /** The account's wallet: it signs each step. */
  walletClient: Client<Transport, Chain | undefined, Account>;
  contracts: Pick<MotifContractAddresses, 'Market' | 'TrackCollection' | 'Editions' | 'SplitMain'>;
};

export type SendWithdrawalStepReturnType = { txHash: Hash };

/** Simulates one step, then has the wallet sign and send it (a refusal surfaces before anything is signed). */
async function simulateAndSend(clients: WithdrawalClients, step: WithdrawalStep): Promise<Hash> {
  const { publicClient, walletClient, contracts } = clients;
  const account = walletClient.account;
  const chain = walletClient.chain;
  const withdrawFrom = async (contract: CreditContract, who: Address) => {
    switch (contract) {
      case 'Market':
        return writeContract(walletClient, {
          ...(
            await simulateContract(publicClient, {
              address: contracts.Market,
              abi: marketAbi,
              functionName: 'withdraw',
              args: [who],
              account,
            })
          ).request,
          chain,
        });
      case 'TrackCollection':
        return writeContract(walletClient, {
          ...(
            await simulateContract(publicClient, {
              address: contracts.TrackCollection,
              abi: trackCollectionAbi,
              functionName: 'withdraw',
              args: [who],
              account,
            })
          ).request,
          chain,
        });
      case 'Editions':
        return writeContract(walletClient, {
          ...(
            await simulateContract(publicClient, {
              address: contracts.Editions,
              abi: editionsAbi,
              functionName: 'withdraw',
              args: [who],
              account,
            })
          ).request,
          chain,
        });
    }
  };
  const withdrawCurrency = async (contract: TokenCreditContract, who: Address, token: Address) =>
    contract === 'TrackCollection'
      ? writeContract(walletClient, {
          ...(
            await simulateContract(publicClient, {
              address: contracts.TrackCollection,
              abi: trackCollectionAbi,
              functionName: 'withdrawCurrency',
              args: [who, token],
              account,
            })
          ).request,
          chain,
        })
      : contract === 'Market'
        ? writeContract(walletClient, {
            ...(
              await simulateContract(publicClient, {
                address: contracts.Market,
                abi: marketAbi,
                functionName: 'withdrawCurrency',
                args: [who, token],
                account,
              })
            ).request,
            chain,
          })
        : writeContract(walletClient, {
            ...(
              await simulateContract(publicClient, {
                address: contracts.Editions,
                abi: editionsAbi,
                functionName: 'withdrawCurrency',
                args: [who, token],
                account,
              })
            ).request,
            chain,
          });
  switch (step.kind) {
    case 'releaseCurrency':
      return withdrawCurrency(step.contract, step.split, step.token);
    case 'withdrawCurrency':
      return withdrawCurrency(step.contract, step.account, step.token);
    case 'release':
      return withdrawFrom(step.contract, step.split);
    case 'withdraw':
      return withdrawFrom(step.contract, step.account);
    case 'distribute':
      return step.token === null
        ? writeContract(walletClient, {
            ...(
              await simulateContract(publicClient, {
                address: contracts.SplitMain,
                abi: splitMainAbi,
                functionName: 'distributeETH',
                args: [step.split, step.accounts, step.shares],
                account,
              })
            ).request,
            chain,
          })
        : writeContract(walletClient, {
            ...(
              await simulateContract(publicClient, {
                address: contracts.SplitMain,
                abi: splitMainAbi,
                functionName: 'distributeERC20',
                args: [step.split, step.token, step.accounts, step.shares],
                account,
              })
            ).request,
            chain,
          });
    case 'withdrawSplits':
      return writeContract(walletClient, {
        ...(
          await simulateContract(publicClient, {
            address: contracts.SplitMain,
            abi: splitMainAbi,
            functionName: 'withdraw',
            args: [step.account, step.native, step.tokens],
            account,
          })
        ).request,
        chain,
      });
  }
}

/**
 * Sends one step of a withdraw-all (lib/balance/plan-withdrawal.ts) from the account's wallet and waits for it.
 * `onSent` hears the hash once the wallet has signed. Throws viem's error (with the contract's reason) when the
 * simulation refuses it, and TransactionRevertedError when it reverted in its block; nothing moved in either case.
 */
export async function sendWithdrawalStep(
  clients: WithdrawalClients,
  step: WithdrawalStep,
  onSent?: (hash: Hash) => void,
): Promise<SendWithdrawalStepReturnType> {
  const hash = await simulateAndSend(clients, step);
  onSent?.(hash);
  const receipt = await waitForTransactionReceipt(clients.publicClient, { hash });
  if (receipt.status !== 'success') throw new TransactionRevertedError(step.label, hash);
  return { txHash: hash };
}
