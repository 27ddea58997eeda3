import type { Abi, AbiParameter } from 'viem';
import { MOTIF_ABIS, type MotifContractName } from '../../lib/chain/contracts';
import type { JsonValue } from '../../lib/indexer/decode-logs';

function sample(parameter: AbiParameter): JsonValue {
  const { type } = parameter;
  if (type.endsWith(']')) return [];
  if (type === 'tuple')
    return Object.fromEntries(
      ('components' in parameter ? parameter.components : []).map((c) => [c.name ?? '', sample(c)]),
    );
  if (type === 'address') return '0x0000000000000000000000000000000000000000';
  if (type === 'bool') return false;
  if (type === 'string') return '';
  const bytes = /^bytes(\d+)$/.exec(type);
  if (bytes) return `0x${'00'.repeat(Number(bytes[1]))}`;
  if (type === 'bytes') return '0x';
  const int = /^u?int(\d*)$/.exec(type);
  if (int) return Number(int[1] || 256) <= 48 ? 0 : '0';
  throw new Error(`no sample for ABI type ${type}`);
}

/**
 * Stored arguments (as the indexer writes them: bigints as decimal strings) of event `name` of `contract`, every
 * argument a zero value unless `overrides` sets it, so a ChainEvent row written by a test matches the ABI.
 */
export function storedEventArgs(
  contract: MotifContractName,
  name: string,
  overrides: Record<string, JsonValue> = {},
): Record<string, JsonValue> {
  const abi: Abi = MOTIF_ABIS[contract];
  const item = abi.find((i) => i.type === 'event' && i.name === name);
  if (!item || item.type !== 'event') throw new Error(`${contract} has no event ${name}`);
  return { ...Object.fromEntries(item.inputs.map((input) => [input.name ?? '', sample(input)])), ...overrides };
}
