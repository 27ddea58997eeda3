import {
  createPublicClient,
  createWalletClient,
  http,
  type Account,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { startAnvil, type Anvil } from '../../lib/chain/anvil';
import { customChain, localChain, LOCAL_CHAIN_ID } from '../../lib/config/chains';

export const ANVIL_KEY_0: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export type TestChain = {
  anvil: Anvil;
  chain: Chain;
  publicClient: PublicClient;
  wallet(key: Hex): WalletClient<Transport, Chain, Account>;
  /** A fresh account holding 100 ETH. */
  funded(): Promise<{ key: Hex; wallet: WalletClient<Transport, Chain, Account> }>;
};

/** Own anvil per test file, so parallel test files never share nonces. */
export async function startTestChain(): Promise<TestChain> {
  const anvil = await startAnvil();
  const chain = anvil.chainId === LOCAL_CHAIN_ID ? localChain(anvil.rpcUrl) : customChain(anvil.chainId, anvil.rpcUrl);
  const publicClient = createPublicClient({
    chain,
    transport: http(anvil.rpcUrl),
    pollingInterval: 20,
  }) as PublicClient;
  const wallet = (key: Hex) =>
    createWalletClient({
      chain,
      transport: http(anvil.rpcUrl),
      account: privateKeyToAccount(key),
      pollingInterval: 20,
    });
  const funded = async () => {
    const key = generatePrivateKey();
    const w = wallet(key);
    await publicClient.request({
      method: 'anvil_setBalance' as never,
      params: [w.account.address, '0x56BC75E2D63100000'] as never,
    });
    return { key, wallet: w };
  };
  return { anvil, chain, publicClient, wallet, funded };
}
