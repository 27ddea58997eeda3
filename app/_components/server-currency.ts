import 'server-only';
import { resolveChain, type NativeCurrency } from '../../lib/config/chains';
import { readDeployment } from '../../lib/contracts/deployment';
import type { TokenCurrency } from '../../lib/format/amount';
import { getServices } from '../../lib/platform/services';

/** The configured chain's gas token, for server pages (client components: useNativeCurrency). */
export async function serverCurrency(): Promise<NativeCurrency> {
  return resolveChain((await getServices()).env).chain.nativeCurrency;
}

/**
 * The ERC-20s prices may be in, as recorded in the deployment file (the chain's stablecoin; issue #20): none when no
 * deployment or no stablecoin is recorded.
 */
export async function serverTokenCurrencies(): Promise<TokenCurrency[]> {
  const services = await getServices();
  try {
    const coin = readDeployment(services.deploymentPath).stablecoin;
    return coin ? [{ address: coin.address, symbol: coin.symbol, decimals: coin.decimals }] : [];
  } catch {
    return []; // no deployment recorded for this chain yet
  }
}
