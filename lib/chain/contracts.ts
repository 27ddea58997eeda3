import type { Address } from 'viem';
import { editionsAbi, marketAbi, splitMainAbi, trackCollectionAbi } from '../contracts/abi';

/**
 * The one typed path from a contract to the page: the ABIs generated from the compiler output (lib/contracts/abi)
 * keyed by the names the deployment file records. viem clients and wagmi hooks take `{ address, abi }` from here,
 * so every read, write and event is typed from the Solidity source.
 */
export const MOTIF_ABIS = {
  TrackCollection: trackCollectionAbi,
  SplitMain: splitMainAbi,
  Market: marketAbi,
  Editions: editionsAbi,
} as const;

export type MotifContractName = keyof typeof MOTIF_ABIS;
export type MotifContractAddresses = Record<MotifContractName, Address>;

export type MotifContract<N extends MotifContractName> = { address: Address; abi: (typeof MOTIF_ABIS)[N] };

export function motifContract<N extends MotifContractName>(
  name: N,
  addresses: MotifContractAddresses,
): MotifContract<N> {
  return { address: addresses[name], abi: MOTIF_ABIS[name] };
}

/** Narrows a deployment's name -> address map to the four Motif contracts, or null if one is missing. */
export function toMotifAddresses(record: Record<string, Address>): MotifContractAddresses | null {
  const { TrackCollection, SplitMain, Market, Editions } = record;
  return TrackCollection && SplitMain && Market && Editions ? { TrackCollection, SplitMain, Market, Editions } : null;
}
