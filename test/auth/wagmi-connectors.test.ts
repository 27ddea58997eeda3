import { describe, expect, it, vi } from 'vitest';
import { createConfig, createConnector, createStorage, http } from 'wagmi';
import { mainnet } from 'viem/chains';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import {
  createMotifWagmiConfig,
  deferUntilUsed,
  LOCAL_DEV_ADDRESSES,
  localDevConnectorName,
  walletConnectMetadata,
} from '../../lib/chain/wagmi-config';

describe('wagmi connectors', () => {
  it('hard-codes exactly anvil’s dev addresses (no keys reach the browser)', () => {
    expect(LOCAL_DEV_ADDRESSES).toEqual(localDevAccounts(10).map((a) => a.address));
  });

  it('offers the labelled dev accounts on the local chain only', () => {
    const local = createMotifWagmiConfig({ id: 31337, name: 'Anvil', rpcUrl: 'http://127.0.0.1:8545', testnet: true });
    expect(local.connectors.map((c) => c.name)).toEqual([
      'Injected',
      ...LOCAL_DEV_ADDRESSES.map((_, i) => localDevConnectorName(i)),
    ]);
    expect(localDevConnectorName(1)).toBe('Local dev account #1 — public test key, local chain only');
    const sepolia = createMotifWagmiConfig({
      id: 11155111,
      name: 'Sepolia',
      rpcUrl: 'https://rpc.example',
      testnet: true,
    });
    expect(sepolia.connectors.map((c) => c.type)).toEqual(['injected']);
  });

  it('a dev connector (wagmi’s mock) answers account and chain itself and refuses other chains and senders', async () => {
    const config = createMotifWagmiConfig({ id: 31337, name: 'Anvil', rpcUrl: 'http://127.0.0.1:1', testnet: true });
    const connector = config.connectors.find((c) => c.id === 'localDev2')!;
    await expect(connector.getAccounts()).rejects.toThrow(/not connected/);
    expect(await connector.isAuthorized()).toBe(false);
    await expect(connector.connect()).resolves.toEqual({ accounts: [LOCAL_DEV_ADDRESSES[2]], chainId: 31337 });
    expect(await connector.getAccounts()).toEqual([LOCAL_DEV_ADDRESSES[2]]);
    const provider = (await connector.getProvider()) as {
      request: (a: { method: string; params?: unknown }) => Promise<unknown>;
    };
    expect(await provider.request({ method: 'eth_chainId' })).toBe('0x7a69');
    await expect(
      provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] }),
    ).rejects.toThrow(/only on chain 31337/);
    await expect(
      provider.request({ method: 'eth_sendTransaction', params: [{ from: LOCAL_DEV_ADDRESSES[3] }] }),
    ).rejects.toThrow(/Wrong sender/);
    await connector.disconnect();
    await expect(connector.getAccounts()).rejects.toThrow(/not connected/);
  });

  it('a dev connection survives a reload (remembered per account) and is forgotten on disconnect', async () => {
    const store = new Map<string, string>();
    const localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    vi.stubGlobal('window', Object.assign(new EventTarget(), { localStorage })); // wagmi's EIP-6963 discovery listens on it
    try {
      const chain = { id: 31337, name: 'Anvil', rpcUrl: 'http://127.0.0.1:1', testnet: true };
      const first = createMotifWagmiConfig(chain).connectors.find((c) => c.id === 'localDev4')!;
      await first.connect();
      const reloaded = createMotifWagmiConfig(chain).connectors;
      expect(await reloaded.find((c) => c.id === 'localDev4')!.isAuthorized()).toBe(true);
      expect(await reloaded.find((c) => c.id === 'localDev5')!.isAuthorized()).toBe(false);
      await reloaded.find((c) => c.id === 'localDev4')!.disconnect();
      const again = createMotifWagmiConfig(chain).connectors.find((c) => c.id === 'localDev4')!;
      expect(await again.isAuthorized()).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('adds WalletConnect iff a project id is configured, and never the dev connectors off the local chain', () => {
    const projectId = '0123456789abcdef0123456789abcdef';
    const chains = [
      { id: 31337, name: 'Anvil', rpcUrl: 'http://127.0.0.1:8545', testnet: true },
      { id: 11155111, name: 'Sepolia', rpcUrl: 'https://rpc.example', testnet: true },
      { id: 8453, name: 'Base', rpcUrl: 'https://rpc.example', testnet: false },
    ];
    for (const chain of chains) {
      for (const id of [undefined, '', projectId]) {
        const types = createMotifWagmiConfig(chain, { walletConnectProjectId: id }).connectors.map((c) => c.type);
        expect(types.filter((t) => t === 'walletConnect')).toHaveLength(id ? 1 : 0);
        expect(types.filter((t) => t === 'localDev')).toHaveLength(chain.id === 31337 ? 10 : 0);
        expect(types[0]).toBe('injected');
      }
    }
    const sepolia = createMotifWagmiConfig(chains[1]!, { walletConnectProjectId: projectId });
    expect(sepolia.connectors.map((c) => [c.type, c.name])).toEqual([
      ['injected', 'Injected'],
      ['walletConnect', 'WalletConnect'],
    ]);
    expect(walletConnectMetadata('https://motif.example')).toEqual({
      name: 'Motif',
      description: expect.any(String),
      url: 'https://motif.example',
      icons: ['https://motif.example/favicon.ico'],
    });
  });

  it('imports no WalletConnect code statically: wagmi’s connector loads @walletconnect/ethereum-provider with a dynamic import', async () => {
    const config = createMotifWagmiConfig(
      { id: 11155111, name: 'Sepolia', rpcUrl: 'https://rpc.example', testnet: true },
      { walletConnectProjectId: '0123456789abcdef0123456789abcdef' },
    );
    const wc = config.connectors.find((c) => c.type === 'walletConnect')!;
    expect(wc).toBeDefined();
    const source = await import('node:fs').then((fs) =>
      fs.readFileSync(new URL('../../lib/chain/wagmi-config.ts', import.meta.url), 'utf8'),
    );
    expect(source).not.toMatch(/from '@walletconnect\//);
  });

  it('defers a connector’s provider (WalletConnect’s) until it is picked, or was the last one used', async () => {
    const calls: string[] = [];
    const fake = createConnector(() => ({
      id: 'fake',
      name: 'Fake',
      type: 'fake',
      async setup() {
        calls.push('setup');
      },
      async connect() {
        calls.push('connect');
        return { accounts: [LOCAL_DEV_ADDRESSES[0]!], chainId: 1 } as never;
      },
      async disconnect() {},
      async getAccounts() {
        return [];
      },
      async getChainId() {
        return 1;
      },
      async getProvider() {
        calls.push('getProvider');
        return {};
      },
      async isAuthorized() {
        calls.push('isAuthorized');
        return true;
      },
      async switchChain() {
        throw new Error('one chain');
      },
      onAccountsChanged() {},
      onChainChanged() {},
      onDisconnect() {},
    }));
    const memory = () => {
      const m = new Map<string, string>();
      return {
        getItem: (k: string) => m.get(k) ?? null,
        setItem: (k: string, v: string) => void m.set(k, v),
        removeItem: (k: string) => void m.delete(k),
      };
    };
    const make = (storage: ReturnType<typeof createStorage>) =>
      createConfig({
        chains: [mainnet],
        connectors: [deferUntilUsed(fake)],
        transports: { [mainnet.id]: http('http://127.0.0.1:1') },
        storage,
      });

    const fresh = make(createStorage({ storage: memory() })).connectors[0]!;
    await new Promise((r) => setTimeout(r, 10));
    expect(await fresh.getProvider()).toBeUndefined();
    expect(await fresh.isAuthorized()).toBe(false);
    expect(calls).toEqual([]); // neither wagmi's setup nor reconnect's isAuthorized reached the provider
    await fresh.connect();
    expect(await fresh.isAuthorized()).toBe(true);
    expect(await fresh.getProvider()).toEqual({});
    expect(calls).toEqual(['connect', 'isAuthorized', 'getProvider']);

    calls.length = 0;
    const storage = createStorage({ storage: memory() });
    await storage.setItem('recentConnectorId', 'fake');
    const reloaded = make(storage).connectors[0]!;
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual(['setup']);
    expect(await reloaded.isAuthorized()).toBe(true);
  });
});
