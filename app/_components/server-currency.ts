import 'server-only';
import { resolveChain, type NativeCurrency } from '../../lib/config/chains';
import { getServices } from '../../lib/platform/services';

/** The configured chain's gas token, for server pages (client components: useNativeCurrency). */
export async function serverCurrency(): Promise<NativeCurrency> {
  return resolveChain((await getServices()).env).chain.nativeCurrency;
}
