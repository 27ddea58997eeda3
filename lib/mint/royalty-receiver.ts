import type { Address } from 'viem';
import { predictSplitAddress, ZERO_ADDRESS } from '../contracts/splits';
import { needsSplitContract, type ValidSplit } from './split';

export type RoyaltyReceiverParameters = { split: ValidSplit; splitMain: Address };
export type RoyaltyReceiverReturnType = Address;

/**
 * Where the track's royalty goes: the split SplitMain will deploy (its address predicted off-chain, the same one
 * createSplit deploys), or the only payee when no split contract is needed.
 */
export function royaltyReceiver({ split, splitMain }: RoyaltyReceiverParameters): RoyaltyReceiverReturnType {
  if (needsSplitContract(split)) return predictSplitAddress(splitMain, split.split, split.controller ?? ZERO_ADDRESS);
  const only = split.split.accounts[0];
  if (!only) throw new RangeError('a split has at least one payee');
  return only;
}
