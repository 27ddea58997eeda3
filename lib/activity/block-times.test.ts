import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChain, type TestChain } from '../../test/contracts/chain';
import { readBlockTimes } from './block-times';

let t: TestChain;
beforeAll(async () => {
  t = await startTestChain();
  await t.publicClient.request({ method: 'evm_setNextBlockTimestamp' as never, params: ['0x77359400'] as never });
  await t.publicClient.request({ method: 'evm_mine' as never, params: [] as never });
});
afterAll(async () => {
  await t?.anvil.stop();
});

describe('readBlockTimes', () => {
  it('gives each block’s timestamp once, and leaves out a block the chain does not have', async () => {
    const latest = await t.publicClient.getBlockNumber();
    const times = await readBlockTimes(t.publicClient, [latest, latest.toString(), latest + 1000n]);
    expect([...times.entries()]).toEqual([[latest.toString(), new Date(2_000_000_000 * 1000)]]);
  });
});
