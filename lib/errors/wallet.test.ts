import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BaseError as ViemBaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  createPublicClient,
  defineChain,
  encodeErrorResult,
  http,
  parseEther,
  UserRejectedRequestError,
  zeroHash,
} from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorChainMismatchError } from 'wagmi';
import { ANVIL_KEY_0, startTestChain, type TestChain } from '../../test/contracts/chain';
import { marketAbi, trackCollectionAbi } from '../contracts/abi';
import { deployContracts } from '../contracts/deploy';
import { BaseError } from './base';
import { TransactionRevertedError } from './transaction-reverted';
import { classifyWalletError, describeWalletError } from './wallet';

let t: TestChain;
let collection: `0x${string}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'motif-wallet-errors-'));

beforeAll(async () => {
  t = await startTestChain();
  const { deployment } = await deployContracts({
    publicClient: t.publicClient,
    walletClient: t.wallet(ANVIL_KEY_0),
    deploymentPath: path.join(dir, 'd.json'),
  });
  collection = deployment.contracts.TrackCollection.address;
});
afterAll(async () => {
  await t?.anvil.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('classifyWalletError (errors from a real anvil)', () => {
  it('decodes a custom error of a reverted call with its arguments', async () => {
    const wallet = t.wallet(ANVIL_KEY_0);
    const error = await t.publicClient
      .simulateContract({
        address: collection,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [
          wallet.account.address,
          `0x${'11'.repeat(32)}`,
          `0x${'22'.repeat(32)}`,
          wallet.account.address,
          6_000,
          0,
        ],
        account: wallet.account,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(classifyWalletError(error)).toEqual({ kind: 'reverted', errorName: 'RoyaltyTooHigh', args: [6000n, 5000n] });
    expect(describeWalletError(error)).toBe('The contract refused: RoyaltyTooHigh(6000, 5000).');
  });

  it('insufficient funds from an empty account, and the same wrapped in a Motif error', async () => {
    const { generatePrivateKey } = await import('viem/accounts');
    const empty = t.wallet(generatePrivateKey());
    const error = await empty.sendTransaction({ to: empty.account.address, value: parseEther('1') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(classifyWalletError(error)).toEqual({ kind: 'insufficient-funds' });
    expect(classifyWalletError(new BaseError('could not mint', { cause: error }))).toEqual({
      kind: 'insufficient-funds',
    });
    expect(describeWalletError(error)).toMatch(/^Insufficient funds/);
  });

  it('a wallet on another chain than the transaction names', async () => {
    const other = defineChain({ ...t.chain, id: 1, name: 'Ethereum' });
    const error = await t
      .wallet(ANVIL_KEY_0)
      .sendTransaction({ chain: other, to: `0x${'00'.repeat(19)}01`, value: 1n })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(classifyWalletError(error)).toMatchObject({ kind: 'chain-mismatch' });
    expect(describeWalletError(error)).toMatch(/another network.*id: 31337/);
    expect(
      classifyWalletError(new ConnectorChainMismatchError({ connectionChainId: 1, connectorChainId: 31337 })).kind,
    ).toBe('chain-mismatch');
  });

  it('a chain that does not answer is a network failure', async () => {
    const dead = createPublicClient({ chain: t.chain, transport: http('http://127.0.0.1:9/', { retryCount: 0 }) });
    const error = await dead.getBlockNumber().then(
      () => null,
      (e: unknown) => e,
    );
    expect(classifyWalletError(error)).toMatchObject({ kind: 'network', message: 'HTTP request failed.' });
    expect(classifyWalletError(new TypeError('Failed to fetch'))).toMatchObject({ kind: 'network' });
  });
});

describe('classifyWalletError (wallet-side errors)', () => {
  it('a rejection, however deeply wrapped', () => {
    const rejected = new UserRejectedRequestError(new Error('User rejected the request.'));
    expect(classifyWalletError(rejected)).toEqual({ kind: 'rejected' });
    expect(
      classifyWalletError(new BaseError('sign failed', { cause: new ViemBaseError('wrapped', { cause: rejected }) })),
    ).toEqual({ kind: 'rejected' });
    expect(describeWalletError(rejected)).toBe('You rejected the request in your wallet; nothing was sent.');
    // the text alone is not a rejection: only the class (EIP-1193 code 4001) is
    expect(classifyWalletError(new Error('User rejected the request.')).kind).toBe('unknown');
  });

  it('decodes a wrapped custom error with ether amounts', () => {
    const data = encodeErrorResult({
      abi: marketAbi,
      errorName: 'WrongPayment',
      args: [parseEther('0.5'), parseEther('1')],
    });
    const revert = new ContractFunctionRevertedError({ abi: marketAbi, data, functionName: 'buy' });
    const wrapped = new ContractFunctionExecutionError(revert, {
      abi: marketAbi,
      functionName: 'buy',
      args: [],
      contractAddress: '0x0000000000000000000000000000000000000001',
    });
    expect(describeWalletError(wrapped, { symbol: 'DEGEN', decimals: 18 })).toBe(
      'The contract refused: WrongPayment(0.5 DEGEN, 1 DEGEN).',
    );
    // without the chain's currency no unit is guessed
    expect(describeWalletError(wrapped)).toBe(
      'The contract refused: WrongPayment(500000000000000000, 1000000000000000000).',
    );
  });

  it('a mined transaction that reverted', () => {
    const error = new TransactionRevertedError('The mint', zeroHash);
    expect(classifyWalletError(error)).toEqual({ kind: 'reverted', hash: zeroHash });
    expect(describeWalletError(error)).toBe(`The transaction ${zeroHash} was reverted by the contract.`);
  });

  it('falls back to the innermost short message', () => {
    expect(describeWalletError(new ViemBaseError('Something odd'))).toBe('Something odd');
    expect(describeWalletError(new Error('plain'))).toBe('plain');
    expect(describeWalletError('text')).toBe('text');
  });
});
