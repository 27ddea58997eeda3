import { encodeFunctionData, keccak256, type Address, type Chain, type Client, type Transport } from 'viem';
import { getBalance, getCode, type GetBalanceErrorType, type GetCodeErrorType } from 'viem/actions';
import {
  previewFee,
  type FeeRequest,
  type PreviewFeeErrorType,
  type PreviewFeeReturnType,
} from '../chain/fees/preview-fee';
import type { ChainStack } from '../config/chains';
import { splitMainAbi, trackCollectionAbi } from '../contracts/abi';
import { licenceId } from '../contracts/licences';
import { ZERO_ADDRESS } from '../contracts/splits';
import { validSplitOf, type DraftNotReadyErrorType, type MintContracts } from './contracts';
import type { MintDraft } from './draft';
import { royaltyReceiver } from './royalty-receiver';
import { needsSplitContract } from './split';

/** `stack`: how the chain charges its parent chain's data fee (the preset's, or MOTIF_CHAIN_STACK); default none. */
export type EstimateMintFeeParameters = {
  draft: MintDraft;
  account: Address;
  contracts: MintContracts;
  stack?: ChainStack;
};
/** `fee` is a FeeEstimate (lines, feePerGas, totalWei) plus the execution / parent-chain split and the most it may cost. */
export type EstimateMintFeeReturnType = { fee: PreviewFeeReturnType; balance: bigint };
export type EstimateMintFeeErrorType =
  DraftNotReadyErrorType | PreviewFeeErrorType | GetBalanceErrorType | GetCodeErrorType;

/**
 * The fee shown before any signature, and the balance it is compared with: one line per transaction the draft will
 * still send (the split's creation when it is new and not yet on chain; the mint unless publishing a voucher), priced
 * by lib/chain/fees/preview-fee.ts: execution gas at the expected gas price (next base fee + priority fee) plus the
 * parent-chain data fee an Orbit or OP-stack chain charges. The one place a mint's fee is computed.
 */
export async function estimateMintFee(
  client: Client<Transport, Chain | undefined>,
  { draft, account, contracts, stack = 'none' }: EstimateMintFeeParameters,
): Promise<EstimateMintFeeReturnType> {
  const split = validSplitOf(draft);
  const receiver = draft.progress.split?.address ?? royaltyReceiver({ split, splitMain: contracts.splitMain });
  const requests: FeeRequest[] = [];
  if (needsSplitContract(split) && !draft.progress.split) {
    const code = await getCode(client, { address: receiver });
    if (!code || code === '0x') {
      const data = encodeFunctionData({
        abi: splitMainAbi,
        functionName: 'createSplit',
        args: [split.split.accounts, split.split.shares, split.controller ?? ZERO_ADDRESS],
      });
      requests.push({ label: 'Create the royalty split', account, to: contracts.splitMain, data });
    }
  }
  if (draft.details.mode === 'mint') {
    // Before pinning, the WAV's and MIDI's hashes stand in for the folder and manifest digests: same gas.
    const content = draft.progress.pinned?.contentDigest ?? keccak256(draft.wav);
    const manifest = draft.progress.pinned?.manifestDigest ?? keccak256(draft.midi);
    const data = encodeFunctionData({
      abi: trackCollectionAbi,
      functionName: 'mint',
      args: [account, content, manifest, receiver, split.royaltyBps, licenceId(draft.details.licence)],
    });
    requests.push({ label: 'Mint', account, to: contracts.collection, data });
  }
  // execution gas at the expected price plus the parent-chain data fee of the chain's stack (lib/chain/fees)
  const fee = await previewFee(client, { stack, requests });
  const balance = await getBalance(client, { address: account });
  return { fee, balance };
}
