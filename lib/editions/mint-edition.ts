import { decodeEventLog, erc20Abi, zeroAddress, type Address, type Hash, type Hex } from 'viem';
import { editionsAbi } from '../contracts/abi';
import {
  sendAndWait,
  type EditionRevertedErrorType,
  type EditionsClients,
  type EditionTransactionFailedErrorType,
} from './clients';
import { EditionsError, type EditionsErrorType } from './errors';
import { MAX_COMMENT_BYTES } from './schedule';

/** How the phase is unlocked: nothing (public), a merkle proof (allowlist) or a signed approval. */
export type MintAuthorisation =
  | { mode: 'public' }
  | { mode: 'allowlist'; proof: readonly Hex[] }
  | { mode: 'signature'; nonce: bigint; deadline: bigint; signature: Hex };

export type MintEditionParameters = {
  editionId: bigint;
  phase: number;
  quantity: number;
  /** Price per copy in base units of the phase's currency (the contract refuses any other payment). */
  price: bigint;
  /**
   * The ERC-20 the phase is priced in (PhaseCurrencySet), or none for the native currency: then the wallet approves
   * the Editions contract for exactly the payment if its allowance is short, and the mint sends no ETH.
   */
  currency?: Address;
  /** Recipient; defaults to the paying wallet. */
  to?: Address;
  referrer?: Address;
  comment?: string;
  authorisation: MintAuthorisation;
};
export type MintEditionReturnType = {
  firstTokenId: bigint;
  firstNumber: number;
  quantity: number;
  paid: bigint;
  txHash: Hash;
  blockNumber: bigint;
};
export type MintEditionErrorType =
  CommentTooLongErrorType | EditionRevertedErrorType | EditionTransactionFailedErrorType | EditionsErrorType;

export class CommentTooLongError extends EditionsError {
  override name = 'CommentTooLongError' as const;
  constructor(readonly bytes: number) {
    super(`the comment is ${bytes} bytes; at most ${MAX_COMMENT_BYTES}`);
  }
}
export type CommentTooLongErrorType = CommentTooLongError & { name: 'CommentTooLongError' };

/** Approves the Editions contract for exactly `amount` of `currency` when the wallet's allowance is below it. */
async function approveIfShort(clients: EditionsClients, currency: Address, amount: bigint): Promise<void> {
  const account = clients.walletClient.account;
  const allowance = await clients.publicClient.readContract({
    address: currency,
    abi: erc20Abi,
    functionName: 'allowance',
    args: [account.address, clients.editions],
  });
  if (allowance >= amount) return;
  await sendAndWait('approve', clients, async () => {
    const { request } = await clients.publicClient.simulateContract({
      address: currency,
      abi: erc20Abi,
      functionName: 'approve',
      args: [clients.editions, amount],
      account,
    });
    return clients.walletClient.writeContract({ ...request, chain: clients.walletClient.chain });
  });
}

/** Mints copies in a phase, paying `price × quantity`; the referrer is credited the edition's referral share. */
export async function mintEdition(
  clients: EditionsClients,
  params: MintEditionParameters,
): Promise<MintEditionReturnType> {
  const comment = params.comment ?? '';
  const bytes = new TextEncoder().encode(comment).length;
  if (bytes > MAX_COMMENT_BYTES) throw new CommentTooLongError(bytes);
  const account = clients.walletClient.account;
  const common = [
    params.editionId,
    BigInt(params.phase),
    BigInt(params.quantity),
    params.to ?? account.address,
    params.referrer ?? zeroAddress,
    comment,
  ] as const;
  const payment = params.price * BigInt(params.quantity);
  const value = params.currency ? 0n : payment;
  if (params.currency && payment > 0n) await approveIfShort(clients, params.currency, payment);
  const auth = params.authorisation;
  const receipt = await sendAndWait('mint', clients, async () => {
    const base = { address: clients.editions, abi: editionsAbi, account, value } as const;
    const chain = clients.walletClient.chain;
    if (auth.mode === 'public') {
      const { request } = await clients.publicClient.simulateContract({ ...base, functionName: 'mint', args: common });
      return clients.walletClient.writeContract({ ...request, chain });
    }
    if (auth.mode === 'allowlist') {
      const { request } = await clients.publicClient.simulateContract({
        ...base,
        functionName: 'mintAllowlisted',
        args: [...common, auth.proof],
      });
      return clients.walletClient.writeContract({ ...request, chain });
    }
    const { request } = await clients.publicClient.simulateContract({
      ...base,
      functionName: 'mintApproved',
      args: [...common, auth.nonce, auth.deadline, auth.signature],
    });
    return clients.walletClient.writeContract({ ...request, chain });
  });
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== clients.editions.toLowerCase()) continue;
    const event = decodeEventLog({ abi: editionsAbi, data: log.data, topics: log.topics, strict: false });
    if (
      event.eventName === 'Minted' &&
      event.args.firstNumber !== undefined &&
      event.args.paid !== undefined &&
      event.args.editionId === params.editionId
    ) {
      return {
        firstTokenId: params.editionId | event.args.firstNumber,
        firstNumber: Number(event.args.firstNumber),
        quantity: params.quantity,
        paid: event.args.paid,
        txHash: receipt.transactionHash,
        blockNumber: receipt.blockNumber,
      };
    }
  }
  throw new EditionsError(`mint transaction ${receipt.transactionHash} emitted no Minted`);
}
