import { decodeEventLog, getAddress, type Address, type Hex, type Log } from 'viem';
import { MOTIF_ABIS, type MotifContractAddresses, type MotifContractName } from '../chain/contracts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One contract log, decoded with the generated ABIs; bigints become decimal strings so it stores as JSON. */
export type DecodedEvent = {
  contract: MotifContractName;
  name: string;
  args: Record<string, JsonValue>;
  blockNumber: bigint;
  blockHash: Hex;
  txHash: Hex;
  logIndex: number;
  /** The TrackCollection token the event concerns, if any (Market events for other collections are dropped). */
  tokenId: bigint | null;
};

function toJson(value: unknown): JsonValue {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return String(value);
}

/**
 * Decodes logs from Motif's contracts. Logs from other addresses, unknown events, and Market events about other
 * collections are skipped: the indexer records only what concerns this deployment's tracks, splits and market.
 */
export function decodeMotifLogs(logs: readonly Log[], addresses: MotifContractAddresses): DecodedEvent[] {
  const byAddress = new Map<string, MotifContractName>(
    (Object.entries(addresses) as [MotifContractName, Address][]).map(([name, address]) => [address.toLowerCase(), name]),
  );
  const collection = addresses.TrackCollection.toLowerCase();
  const events: DecodedEvent[] = [];
  for (const log of logs) {
    const contract = byAddress.get(log.address.toLowerCase());
    if (!contract || log.blockNumber === null || log.blockHash === null || log.transactionHash === null || log.logIndex === null) continue;
    let decoded: { eventName: string; args: unknown };
    try {
      decoded = decodeEventLog({ abi: MOTIF_ABIS[contract], data: log.data, topics: log.topics }) as { eventName: string; args: unknown };
    } catch {
      continue; // an event this ABI does not know (e.g. from a newer contract version)
    }
    const args = (toJson(decoded.args) ?? {}) as Record<string, JsonValue>;
    let tokenId: bigint | null = null;
    if (contract === 'TrackCollection') {
      // ERC-721's Transfer and Approval name the token `id` in Solady's ERC721 (TrackCollection v2), `tokenId` in OpenZeppelin's.
      const id = args.tokenId ?? (decoded.eventName === 'Transfer' || decoded.eventName === 'Approval' ? args.id : undefined);
      if (typeof id === 'string') tokenId = BigInt(id);
    }
    if (contract === 'Market') {
      if (typeof args.collection !== 'string' || args.collection.toLowerCase() !== collection) continue;
      if (typeof args.tokenId === 'string') tokenId = BigInt(args.tokenId);
    }
    for (const [key, value] of Object.entries(args)) {
      if (typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value)) args[key] = getAddress(value);
    }
    events.push({ contract, name: decoded.eventName, args, blockNumber: log.blockNumber, blockHash: log.blockHash, txHash: log.transactionHash, logIndex: log.logIndex, tokenId });
  }
  return events;
}
