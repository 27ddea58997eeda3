/**
 * The one wallet-error classifier: what went wrong with a wallet or contract call, found by walking the cause chain
 * (`walk`, as viem's `BaseError.walk`) for known error classes (`instanceof`, never message text). Pages show
 * `describeWalletError`; the mint steps build their own sentences from `classifyWalletError`.
 */
import {
  ChainMismatchError,
  ContractFunctionRevertedError,
  ExecutionRevertedError,
  HttpRequestError,
  InsufficientFundsError,
  TimeoutError,
  UserRejectedRequestError,
  WebSocketRequestError,
  type Hex,
} from 'viem';
import { formatAmount, type Currency } from '../format/amount';
import { ConnectorChainMismatchError } from 'wagmi';
import { findError, walk } from './base';
import { TransactionRevertedError } from './transaction-reverted';

export type WalletFailure =
  | { kind: 'rejected' }
  | { kind: 'insufficient-funds' }
  /** `errorName`/`args`: the decoded custom error (from the ABI) or `Error(string)` reason. `hash`: mined and reverted. */
  | { kind: 'reverted'; errorName?: string; args?: readonly unknown[]; reason?: string; hash?: Hex }
  | { kind: 'chain-mismatch'; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'unknown'; message: string };

/** The innermost short message of the chain (viem's shortMessage, else message). */
export function shortMessageOf(error: unknown): string {
  const withShort = walk(
    error,
    (e) => e instanceof Error && 'shortMessage' in e && typeof e.shortMessage === 'string' && e.shortMessage !== '',
  );
  if (withShort instanceof Error && 'shortMessage' in withShort && typeof withShort.shortMessage === 'string')
    return withShort.shortMessage;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** A browser fetch/XHR that never got an answer rejects with a TypeError (its text differs by browser). */
function isFetchFailure(e: unknown): boolean {
  return e instanceof TypeError && /fetch|network|load failed/i.test(e.message);
}

export function classifyWalletError(error: unknown): WalletFailure {
  if (findError(error, UserRejectedRequestError)) return { kind: 'rejected' };
  if (findError(error, InsufficientFundsError)) return { kind: 'insufficient-funds' };
  const revert = findError(error, ContractFunctionRevertedError);
  if (revert) {
    const errorName = revert.data?.errorName;
    return {
      kind: 'reverted',
      ...(errorName ? { errorName, args: revert.data?.args ?? [] } : {}),
      ...(revert.reason ? { reason: revert.reason } : {}),
    };
  }
  const mined = findError(error, TransactionRevertedError);
  if (mined) return { kind: 'reverted', hash: mined.hash };
  const executionReverted = findError(error, ExecutionRevertedError);
  if (executionReverted)
    return { kind: 'reverted', ...(executionReverted.details ? { reason: executionReverted.details } : {}) };
  const mismatch = findError(error, ChainMismatchError) ?? findError(error, ConnectorChainMismatchError);
  if (mismatch) return { kind: 'chain-mismatch', message: mismatch.shortMessage };
  const network =
    findError(error, HttpRequestError) ?? findError(error, TimeoutError) ?? findError(error, WebSocketRequestError);
  if (network) return { kind: 'network', message: network.shortMessage };
  const fetchFailure = walk(error, isFetchFailure);
  if (fetchFailure instanceof Error) return { kind: 'network', message: fetchFailure.message };
  return { kind: 'unknown', message: shortMessageOf(error) };
}

/** A large integer argument reads as an amount in the chain's currency when it is given (no unit is guessed otherwise). */
function formatArg(value: unknown, currency?: Currency): string {
  if (typeof value === 'bigint')
    return currency && value > 10n ** 12n ? formatAmount(value, currency) : value.toString();
  return String(value);
}

/** `Name(arg, arg)` of a decoded revert, the plain reason, or null. */
export function revertReason(f: Extract<WalletFailure, { kind: 'reverted' }>, currency?: Currency): string | null {
  if (f.errorName && f.errorName !== 'Error')
    return `${f.errorName}${f.args?.length ? `(${f.args.map((a) => formatArg(a, currency)).join(', ')})` : ''}`;
  return f.reason ?? null;
}

/** One clear sentence for a failed wallet or contract call (the ABIs come from the Solidity sources, so every Motif error decodes). */
export function describeWalletError(error: unknown, currency?: Currency): string {
  const f = classifyWalletError(error);
  switch (f.kind) {
    case 'rejected':
      return 'You rejected the request in your wallet; nothing was sent.';
    case 'insufficient-funds':
      return 'Insufficient funds: the wallet cannot pay the amount plus gas.';
    case 'reverted': {
      const reason = revertReason(f, currency);
      if (reason) return `The contract refused: ${reason}.`;
      return f.hash
        ? `The transaction ${f.hash} was reverted by the contract.`
        : 'The contract refused the transaction (no reason given).';
    }
    case 'chain-mismatch':
      return `Your wallet is on another network: ${f.message} Switch networks, then retry.`;
    case 'network':
    case 'unknown':
      return f.message;
  }
}
