import {
  decodeEventLog,
  getAddress,
  type Abi,
  type AbiParameter,
  type Address,
  type ContractEventName,
  type DecodeEventLogReturnType,
  type Hex,
  type Log,
} from 'viem';
import { MOTIF_ABIS, type MotifContractAddresses, type MotifContractName } from '../chain/contracts';

/*
 * Typed events end to end: the event union comes from the generated ABIs (lib/contracts/abi, from the Solidity
 * source), through the indexer's rows to the pages. A renamed or removed Solidity event makes every `e.name === 'Old'`
 * that was narrowed by `e.contract` fail `tsc` (decode-logs.test.ts proves it with @ts-expect-error).
 *
 * Adding an event (e.g. the editions work): add it to the contract, regenerate the ABI (npm run contracts:compile);
 * it is decoded, stored and typed here with no edit. Project it by narrowing, e.g.
 *   if (e.contract === 'Editions' && e.name === 'Minted') use(e.args.quantity) // args typed, uint256 as a decimal string
 * Adding a contract: add its ABI to MOTIF_ABIS (lib/chain/contracts.ts); nothing here changes.
 */

type Abis = typeof MOTIF_ABIS;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A value as decodeMotifLogs stores it: every bigint (uint256, int256...) a decimal string, the rest unchanged. */
export type Jsonified<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** The events of contract `C`, by their Solidity names. */
export type MotifEventName<C extends MotifContractName = MotifContractName> = ContractEventName<Abis[C]>;

/** The arguments of event `N` of contract `C`, as stored (an event without inputs stores `{}`). */
export type MotifEventArgs<C extends MotifContractName, N extends MotifEventName<C>> = StoredArgs<
  DecodeEventLogReturnType<Abis[C], N>['args']
>;
type StoredArgs<A> = A extends readonly [] | undefined ? Record<string, never> : Jsonified<A>;

/** One event of contract `C`: `name` narrows `args`. Distributes over a union of contracts. */
export type MotifEventOf<C extends MotifContractName> = C extends MotifContractName
  ? { [N in MotifEventName<C>]: { contract: C; name: N; args: MotifEventArgs<C, N> } }[MotifEventName<C>]
  : never;

/** Any event of Motif's contracts: narrow with `contract` then `name`. */
export type MotifEvent = MotifEventOf<MotifContractName>;

export type LogPosition = { blockNumber: bigint; blockHash: Hex; txHash: Hex; logIndex: number };

/** One contract log, decoded with the generated ABIs; bigints become decimal strings so it stores as JSON. */
export type DecodedEvent = MotifEvent &
  LogPosition & {
    /** The TrackCollection token the event concerns, if any (Market events for other collections are dropped). */
    tokenId: bigint | null;
  };

function toJsonValue(value: unknown): JsonValue {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null)
    return value;
  return String(value);
}

/**
 * Decodes `log` with contract `C`'s ABI. viem types the result per contract at a call with a known name; inside this
 * generic body it cannot resolve `Abis[C]`, so the one assertion below restates what decodeEventLog guarantees.
 */
function decodeAs<C extends MotifContractName>(contract: C, log: Log): MotifEventOf<C> {
  const abi: Abi = MOTIF_ABIS[contract];
  const decoded: { eventName: string; args?: unknown } = decodeEventLog({ abi, data: log.data, topics: log.topics });
  const event = { contract, name: decoded.eventName, args: checksummed(toJsonValue(decoded.args ?? {})) };
  return event as MotifEventOf<C>;
}

/**
 * Decodes logs from Motif's contracts. Logs from other addresses, unknown events, and Market events about other
 * collections are skipped: the indexer records only what concerns this deployment's tracks, splits and market.
 */
export function decodeMotifLogs(logs: readonly Log[], addresses: MotifContractAddresses): DecodedEvent[] {
  const byAddress = new Map<string, MotifContractName>(
    (Object.entries(addresses) as [MotifContractName, Address][]).map(([name, address]) => [
      address.toLowerCase(),
      name,
    ]),
  );
  const collection = addresses.TrackCollection.toLowerCase();
  const events: DecodedEvent[] = [];
  for (const log of logs) {
    const contract = byAddress.get(log.address.toLowerCase());
    if (
      !contract ||
      log.blockNumber === null ||
      log.blockHash === null ||
      log.transactionHash === null ||
      log.logIndex === null
    )
      continue;
    let event: MotifEvent;
    try {
      event = decodeAs(contract, log);
    } catch {
      continue; // an event this ABI does not know (e.g. from a newer contract version)
    }
    let tokenId: bigint | null = null;
    if (event.contract === 'TrackCollection') {
      // ERC-721's Transfer and Approval name the token `id` in Solady's ERC721 (TrackCollection v2), `tokenId` in OpenZeppelin's.
      const args: { readonly [key: string]: JsonValue | undefined } = event.args;
      const id = args.tokenId ?? (event.name === 'Transfer' || event.name === 'Approval' ? args.id : undefined);
      if (typeof id === 'string') tokenId = BigInt(id);
    }
    if (event.contract === 'Market') {
      const args: { readonly [key: string]: JsonValue | undefined } = event.args;
      if (typeof args.collection !== 'string' || args.collection.toLowerCase() !== collection) continue;
      if (typeof args.tokenId === 'string') tokenId = BigInt(args.tokenId);
    }
    events.push({
      ...event,
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      txHash: log.transactionHash,
      logIndex: log.logIndex,
      tokenId,
    });
  }
  return events;
}

/** The same arguments with every top-level address in its checksummed form (viem decodes them checksummed already). */
function checksummed(args: JsonValue): JsonValue {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return args;
  return Object.fromEntries(
    Object.entries(args).map(([key, value]) => [
      key,
      typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value) ? getAddress(value) : value,
    ]),
  );
}

function isContractName(name: string): name is MotifContractName {
  return Object.hasOwn(MOTIF_ABIS, name);
}

/** Whether `value` has the stored shape of an ABI parameter (uint as a decimal string, address as 0x + 40 hex...). */
function matchesParameter(parameter: AbiParameter, value: unknown): boolean {
  const { type } = parameter;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const inner = { ...parameter, type: array[1]! };
    return (
      Array.isArray(value) &&
      (array[2] === '' || value.length === Number(array[2])) &&
      value.every((v) => matchesParameter(inner, v))
    );
  }
  if (type === 'tuple') {
    const components = 'components' in parameter ? parameter.components : [];
    return (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      components.every((c) => c.name !== undefined && matchesParameter(c, (value as Record<string, unknown>)[c.name]))
    );
  }
  if (type === 'address') return typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value);
  if (type === 'bool') return typeof value === 'boolean';
  if (type === 'string') return typeof value === 'string';
  if (/^bytes\d*$/.test(type)) return typeof value === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(value);
  const int = /^u?int(\d*)$/.exec(type);
  if (int) {
    // viem decodes up to 48 bits as a number, wider as a bigint (stored as a decimal string).
    const bits = Number(int[1] || 256);
    return bits <= 48
      ? typeof value === 'number' && Number.isInteger(value)
      : typeof value === 'string' && /^-?\d+$/.test(value);
  }
  return false;
}

/**
 * A stored event row (`ChainEvent`: contract, name and args as JSON) read back as the typed union, or null when the
 * contract, the event or the arguments do not match the current ABIs (a row written for an older contract version).
 * Every argument is checked against its ABI type, so a page can trust `args` as typed.
 */
export function motifEventOf(row: { contract: string; name: string; args: unknown }): MotifEvent | null {
  if (!isContractName(row.contract)) return null;
  const abi: Abi = MOTIF_ABIS[row.contract];
  const item = abi.find((i) => i.type === 'event' && i.name === row.name);
  if (!item || item.type !== 'event') return null;
  const args = row.args;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return null;
  const fields = args as Record<string, unknown>;
  if (!item.inputs.every((input) => input.name !== undefined && matchesParameter(input, fields[input.name])))
    return null;
  return { contract: row.contract, name: row.name, args } as MotifEvent;
}
