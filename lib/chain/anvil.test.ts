import { describe, expect, it } from 'vitest';
import { createPublicClient, http } from 'viem';
import { startAnvil } from './anvil';

describe('startAnvil', () => {
  it('starts on a free port, answers RPC with chain id 31337, and stops', async () => {
    const anvil = await startAnvil();
    try {
      const client = createPublicClient({ transport: http(anvil.rpcUrl) });
      expect(await client.getChainId()).toBe(31337);
      expect(anvil.port).toBeGreaterThan(0);
    } finally {
      await anvil.stop();
    }
    expect(anvil.process.child.exitCode !== null || anvil.process.child.signalCode !== null).toBe(true);
  });
});
