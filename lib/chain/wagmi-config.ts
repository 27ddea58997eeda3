import { createConfig, createConnector, http, type Config, type CreateConnectorFn } from 'wagmi';
import { injected, mock, walletConnect } from 'wagmi/connectors';
import { DEFAULT_NATIVE_CURRENCY, LOCAL_CHAIN_ID, type ChainStack } from '../config/chains';
import { defineChain, getAddress, type Address, type Chain, type EIP1193RequestFn } from 'viem';

/** `nativeCurrency`: the chain's gas token, shown with every amount (absent: Ether); `stack`: how its parent-chain data fee is read (lib/chain/fees). */
export type ChainDescriptor = {
  id: number;
  name: string;
  rpcUrl: string;
  testnet: boolean;
  nativeCurrency?: Chain['nativeCurrency'];
  stack?: ChainStack;
  /** The ERC-20 stablecoin prices may be in (issue #20), from the deployment file; absent when none. */
  stablecoin?: { address: Address; symbol: string; decimals: number };
};

/** The local anvil chain (lib/config/chains.ts): the only chain where the dev-account connectors exist. */
export { LOCAL_CHAIN_ID };

/**
 * anvil's default accounts 0-9 (from the public test mnemonic; lib/chain/dev-accounts.ts derives the same). Only the
 * addresses: the local node has them unlocked, so it signs for them and no key ever reaches the browser.
 */
export const LOCAL_DEV_ADDRESSES: readonly Address[] = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
  '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
  '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
  '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
];

/** A serialisable description of the configured chain, passed from the server to the browser. */
export function describeChain(chain: Chain, rpcUrl: string, stack: ChainStack = 'none'): ChainDescriptor {
  return {
    id: chain.id,
    name: chain.name,
    rpcUrl,
    testnet: chain.testnet ?? false,
    nativeCurrency: chain.nativeCurrency,
    stack,
  };
}

export function localDevConnectorName(index: number): string {
  return `Local dev account #${index} — public test key, local chain only`;
}

const connectedKey = 'motif.localDev.connected';

function rememberConnected(index: number | null): void {
  if (typeof window === 'undefined') return;
  try {
    if (index === null) window.localStorage.removeItem(connectedKey);
    else window.localStorage.setItem(connectedKey, String(index));
  } catch {
    // storage disabled: the connection just does not survive a reload
  }
}

function rememberedIndex(): number | null {
  if (typeof window === 'undefined') return null;
  try {
    const v = window.localStorage.getItem(connectedKey);
    return v === null ? null : Number(v);
  } catch {
    return null;
  }
}

/** An EIP-1193 error as wallets raise it (4100 unauthorised, 4902 unknown chain). */
function walletError(message: string, code: number): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * A wallet for one of anvil's unlocked dev accounts: wagmi's `mock` connector (it answers account and chain questions
 * and sends everything else, transactions and signatures included, to the local node, which signs for its unlocked
 * accounts), given its own id and label, remembered across reloads, and refusing what a real wallet would refuse:
 * another chain, or a transaction from another account.
 */
export function localDevAccount(params: { index: number; address: Address }): CreateConnectorFn {
  const address = getAddress(params.address);
  const base = mock({
    accounts: [address],
    features: { reconnect: true, defaultConnected: rememberedIndex() === params.index },
  });
  return createConnector((config) => {
    const connector = base(config);
    const chainId = config.chains[0].id;
    return {
      ...connector,
      id: `localDev${params.index}`,
      name: localDevConnectorName(params.index),
      type: 'localDev',
      async disconnect(this: typeof connector) {
        await connector.disconnect.call(this);
        rememberConnected(null);
      },
      async getProvider(this: typeof connector, ...args: Parameters<typeof connector.getProvider>) {
        const provider = await connector.getProvider.apply(this, args);
        const request: EIP1193RequestFn = async (call) => {
          // the mock's connect asks for the accounts: the moment the user picked this account
          if (call.method === 'eth_requestAccounts') rememberConnected(params.index);
          if (call.method === 'wallet_switchEthereumChain') {
            const [{ chainId: wanted }] = call.params as [{ chainId: string }];
            if (Number(wanted) !== chainId)
              throw walletError(`The local dev accounts exist only on chain ${chainId}`, 4902);
          }
          if (call.method === 'eth_sendTransaction') {
            const [tx] = call.params as [{ from?: string }];
            if (tx.from && getAddress(tx.from) !== address) throw walletError('Wrong sender', 4100);
          }
          return provider.request(call as Parameters<typeof provider.request>[0]);
        };
        return { ...provider, request };
      },
    };
  });
}

/**
 * Defers a connector's provider until it is used: wagmi calls `setup` when the config is created, and `getProvider`
 * and `isAuthorized` on every page load (reconnect), and WalletConnect's connector answers both by importing and initialising
 * @walletconnect/ethereum-provider (hundreds of KB, plus a relay socket). Wrapped, that happens only when the user
 * picks this connector, or on a reload after it was the last one used (wagmi's `recentConnectorId`).
 */
export function deferUntilUsed(create: CreateConnectorFn): CreateConnectorFn {
  return ((config: Parameters<CreateConnectorFn>[0]) => {
    const connector = create(config);
    let used = false;
    const recentlyUsed = async (): Promise<boolean> => {
      if (used) return true;
      const recent = await Promise.resolve(config.storage?.getItem('recentConnectorId')).catch(() => null);
      used = recent === connector.id;
      return used;
    };
    return {
      ...connector,
      async setup(this: typeof connector) {
        if (await recentlyUsed()) await connector.setup?.call(this);
      },
      // reconnect asks every connector for its provider first and skips those without one
      async getProvider(this: typeof connector, ...args: Parameters<typeof connector.getProvider>) {
        if (!(await recentlyUsed())) return undefined as never;
        return connector.getProvider.apply(this, args);
      },
      async isAuthorized(this: typeof connector) {
        if (!(await recentlyUsed())) return false;
        return connector.isAuthorized.call(this);
      },
      async connect(this: typeof connector, ...args: Parameters<typeof connector.connect>) {
        used = true;
        return connector.connect.apply(this, args);
      },
    };
  }) as CreateConnectorFn;
}

/** Options the browser passes in: WalletConnect's project id (NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID), when configured. */
export type MotifWagmiOptions = { walletConnectProjectId?: string | undefined; appUrl?: string | undefined };

/** The app as WalletConnect shows it in the wallet. */
export function walletConnectMetadata(appUrl: string | undefined): {
  name: string;
  description: string;
  url: string;
  icons: string[];
} {
  const url = appUrl ?? (typeof window === 'undefined' ? 'http://localhost:3000' : window.location.origin);
  return {
    name: 'Motif',
    description: 'Compose, mint and collect music with verifiable provenance.',
    url,
    icons: [`${url}/favicon.ico`],
  };
}

/**
 * wagmi's configuration for the chain Motif is set to: injected wallets (EIP-6963 discovery plus window.ethereum),
 * WalletConnect when a project id is configured (its provider is imported only when the user connects with it, or
 * reconnects after using it: see {@link deferUntilUsed}), and, on the local chain only, the anvil dev accounts as
 * clearly labelled connectors.
 */
export function createMotifWagmiConfig(descriptor: ChainDescriptor, options: MotifWagmiOptions = {}): Config {
  const chain = defineChain({
    id: descriptor.id,
    name: descriptor.name,
    nativeCurrency: descriptor.nativeCurrency ?? DEFAULT_NATIVE_CURRENCY,
    rpcUrls: { default: { http: [descriptor.rpcUrl] } },
    testnet: descriptor.testnet,
  });
  const connectors: CreateConnectorFn[] = [injected()];
  const projectId = options.walletConnectProjectId?.trim();
  if (projectId)
    connectors.push(
      deferUntilUsed(
        walletConnect({
          projectId,
          showQrModal: true,
          metadata: walletConnectMetadata(options.appUrl),
        }) as CreateConnectorFn,
      ),
    );
  if (descriptor.id === LOCAL_CHAIN_ID) {
    LOCAL_DEV_ADDRESSES.forEach((address, index) => connectors.push(localDevAccount({ index, address })));
  }
  return createConfig({
    chains: [chain],
    connectors,
    transports: { [chain.id]: http(descriptor.rpcUrl) },
    ssr: true,
  });
}
