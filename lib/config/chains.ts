import { defineChain, type Chain } from 'viem';
import { apeChain, b3, degen, sanko, xai, xaiTestnet } from 'viem/chains';

/**
 * How a chain charges for the data it posts to the chain it settles on, which decides how the fee preview reads that
 * share (lib/chain/fees): `orbit` (Arbitrum Orbit: NodeInterface precompile), `op-stack` (GasPriceOracle predeploy),
 * `none` (no parent-chain data fee: an L1, or the plain local anvil).
 */
export const CHAIN_STACKS = ['orbit', 'op-stack', 'none'] as const;
export type ChainStack = (typeof CHAIN_STACKS)[number];

export type NativeCurrency = Chain['nativeCurrency'];

/**
 * The ERC-20 stablecoin a chain prices in besides its native currency (issue #20): the Market and Editions allow it,
 * and the app offers it. Only set where the real token's address is known; never a guess.
 */
export type StablecoinConfig = { address: `0x${string}`; symbol: string; decimals: number };

/**
 * The local chain's stablecoin: MotifTestUSD (contracts/testnet/), a worthless 6-decimal test token anyone may mint,
 * deployed with the contracts on anvil only; its address is recorded in the deployment file (`stablecoin`).
 */
export const LOCAL_TEST_STABLECOIN = { contract: 'MotifTestUSD', symbol: 'tUSD', decimals: 6 } as const;

/** A live chain Motif can be pointed at, with what a creator needs to know about it (the README lists each note). */
export type ChainPresetInfo = {
  chain: Chain;
  /** Its configured stablecoin; unset until a verified address is configured here (prices are native only then). */
  stablecoin?: StablecoinConfig;
  stack: Exclude<ChainStack, 'none'>;
  /** The chain it settles on (posts its data to). */
  settlement: string;
  /** One line for the README: stack, settlement chain and gas token. */
  note: string;
};

const preset = (chain: Chain, stack: ChainPresetInfo['stack'], settlement: string): ChainPresetInfo => ({
  chain,
  stack,
  settlement,
  note: `${stack === 'orbit' ? 'Arbitrum Orbit' : 'OP Stack'} L3 settling on ${settlement}; gas token ${chain.nativeCurrency.symbol}`,
});

/**
 * Chain presets: low-fee L3s as viem defines them, only those that are live. Ham (OP Stack on Base) is left out:
 * L2BEAT archived it. Every preset's stack decides how its parent-chain data fee is read.
 */
export const CHAIN_PRESETS = {
  local: 'local',
  degen: preset(degen, 'orbit', 'Base'),
  xai: preset(xai, 'orbit', 'Arbitrum One'),
  'xai-testnet': preset(xaiTestnet, 'orbit', 'Arbitrum Sepolia'),
  sanko: preset(sanko, 'orbit', 'Arbitrum One'),
  apechain: preset(apeChain, 'orbit', 'Arbitrum One'),
  b3: preset(b3, 'op-stack', 'Base'),
} as const satisfies Record<string, 'local' | ChainPresetInfo>;

export type ChainPreset = keyof typeof CHAIN_PRESETS;
export type RemoteChainPreset = Exclude<ChainPreset, 'local'>;

export const LOCAL_CHAIN_ID = 31337;

/** The currency of the local and custom chains unless configured (MOTIF_NATIVE_SYMBOL, MOTIF_NATIVE_DECIMALS). */
export const DEFAULT_NATIVE_CURRENCY: NativeCurrency = { name: 'Ether', symbol: 'ETH', decimals: 18 };

/** The local anvil chain, with its RPC on 127.0.0.1 (wagmi's mock connector sends through the default RPC URL). */
export function localChain(rpcUrl: string, nativeCurrency: NativeCurrency = DEFAULT_NATIVE_CURRENCY): Chain {
  return defineChain({
    id: LOCAL_CHAIN_ID,
    name: 'Motif local (anvil)',
    nativeCurrency,
    rpcUrls: { default: { http: [rpcUrl] } },
    testnet: true,
  });
}

/** A chain given only by RPC URL and id (any EVM chain not in the presets). */
export function customChain(
  id: number,
  rpcUrl: string,
  nativeCurrency: NativeCurrency = DEFAULT_NATIVE_CURRENCY,
): Chain {
  return defineChain({
    id,
    name: `Chain ${id}`,
    nativeCurrency,
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** The preset whose chain has this id, if any (a re-mint's origin, a custom RPC pointed at a preset's chain). */
export function presetForChainId(id: number): (ChainPresetInfo & { name: RemoteChainPreset }) | null {
  for (const [name, p] of Object.entries(CHAIN_PRESETS))
    if (p !== 'local' && p.chain.id === id) return { ...p, name: name as RemoteChainPreset };
  return null;
}

export type ChainSettings = {
  MOTIF_CHAIN?: ChainPreset;
  MOTIF_RPC_URL?: string;
  MOTIF_CHAIN_ID?: number;
  MOTIF_ANVIL_PORT: number;
  MOTIF_NATIVE_SYMBOL?: string;
  MOTIF_NATIVE_DECIMALS?: number;
  MOTIF_CHAIN_STACK?: ChainStack;
  MOTIF_STABLECOIN_ADDRESS?: `0x${string}`;
  MOTIF_STABLECOIN_SYMBOL?: string;
  MOTIF_STABLECOIN_DECIMALS?: number;
};

/** The stablecoin MOTIF_STABLECOIN_ADDRESS / _SYMBOL / _DECIMALS configure (all three, checked by parseEnv), if any. */
export function configuredStablecoin(
  env: Pick<ChainSettings, 'MOTIF_STABLECOIN_ADDRESS' | 'MOTIF_STABLECOIN_SYMBOL' | 'MOTIF_STABLECOIN_DECIMALS'>,
): StablecoinConfig | undefined {
  const {
    MOTIF_STABLECOIN_ADDRESS: address,
    MOTIF_STABLECOIN_SYMBOL: symbol,
    MOTIF_STABLECOIN_DECIMALS: decimals,
  } = env;
  return address && symbol && decimals !== undefined ? { address, symbol, decimals } : undefined;
}

/** The currency the local or custom chain is configured with (the symbol doubles as its name). */
export function configuredCurrency(
  env: Pick<ChainSettings, 'MOTIF_NATIVE_SYMBOL' | 'MOTIF_NATIVE_DECIMALS'>,
): NativeCurrency {
  if (!env.MOTIF_NATIVE_SYMBOL && env.MOTIF_NATIVE_DECIMALS === undefined) return DEFAULT_NATIVE_CURRENCY;
  const symbol = env.MOTIF_NATIVE_SYMBOL ?? DEFAULT_NATIVE_CURRENCY.symbol;
  return {
    name: symbol === DEFAULT_NATIVE_CURRENCY.symbol ? DEFAULT_NATIVE_CURRENCY.name : symbol,
    symbol,
    decimals: env.MOTIF_NATIVE_DECIMALS ?? 18,
  };
}

export type ResolvedChain = {
  chain: Chain;
  rpcUrl: string;
  stack: ChainStack;
  /**
   * The stablecoin prices may be set in: a preset's configured token, the test token deployed on the local chain
   * (`'local-test-token'`; its address is in the deployment file), or none (custom chains, presets without one).
   */
  stablecoin: StablecoinConfig | 'local-test-token' | undefined;
};

/**
 * The chain Motif talks to, its RPC URL and its stack, from the validated environment. A preset brings its own
 * currency and stack; the local and custom chains take theirs from MOTIF_NATIVE_SYMBOL / MOTIF_NATIVE_DECIMALS and
 * MOTIF_CHAIN_STACK (a custom chain id that is a preset's gets that preset's stack unless told otherwise).
 */
export function resolveChain(env: ChainSettings): ResolvedChain {
  const name = env.MOTIF_CHAIN ?? 'local';
  const p = CHAIN_PRESETS[name];
  if (p === 'local') {
    const rpcUrl = env.MOTIF_RPC_URL ?? `http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`;
    const currency = configuredCurrency(env);
    const id = env.MOTIF_CHAIN_ID;
    const chain =
      id !== undefined && id !== LOCAL_CHAIN_ID ? customChain(id, rpcUrl, currency) : localChain(rpcUrl, currency);
    return {
      chain,
      rpcUrl,
      stack: env.MOTIF_CHAIN_STACK ?? presetForChainId(chain.id)?.stack ?? 'none',
      stablecoin: chain.id === LOCAL_CHAIN_ID ? 'local-test-token' : configuredStablecoin(env),
    };
  }
  const rpcUrl = env.MOTIF_RPC_URL ?? p.chain.rpcUrls.default.http[0] ?? '';
  const info: ChainPresetInfo = p;
  return {
    chain: p.chain,
    rpcUrl,
    stack: env.MOTIF_CHAIN_STACK ?? p.stack,
    stablecoin: configuredStablecoin(env) ?? info.stablecoin,
  };
}
