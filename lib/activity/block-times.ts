import type { Client } from 'viem';
import { getBlock } from 'viem/actions';

/**
 * The timestamps of blocks `numbers` (each read once), keyed by the block number's decimal string. A block the chain
 * cannot give (a node that pruned it, an outage) is left out: the caller shows its number instead.
 */
export async function readBlockTimes(
  client: Client,
  numbers: readonly (bigint | string)[],
): Promise<Map<string, Date>> {
  const unique = [...new Set(numbers.map((n) => n.toString()))];
  const entries = await Promise.all(
    unique.map(async (n) => {
      try {
        const block = await getBlock(client, { blockNumber: BigInt(n) });
        return [[n, new Date(Number(block.timestamp) * 1000)] as const];
      } catch {
        return [];
      }
    }),
  );
  return new Map(entries.flat());
}
