import type { Address } from 'viem';
import { getAuthContext, isSameOrigin, sessionOf } from '../../../lib/auth/server-context';
import { viemLabelChain } from '../../../lib/labels/chain-reader';
import { createLabelApi, type LabelApi } from '../../../lib/labels/http';
import { getServices } from '../../../lib/platform/services';

const globalKey = Symbol.for('motif.labelApi');
type WithLabelApi = typeof globalThis & { [globalKey]?: Promise<LabelApi> };

async function create(): Promise<LabelApi> {
  const [ctx, services] = await Promise.all([getAuthContext(), getServices()]);
  return createLabelApi({
    prisma: ctx.prisma,
    chainId: services.chainId,
    chain: viemLabelChain(services.rpcUrl),
    splitMain: async () => ((await services.contractAddresses()).SplitMain as Address | undefined) ?? null,
    market: async () => ((await services.contractAddresses()).Market as Address | undefined) ?? null,
    session: (request) => sessionOf(request, ctx.secret),
    sameOrigin: isSameOrigin,
  });
}

/** The label API of this server process (one database client, one chain client). */
export function labelApi(): Promise<LabelApi> {
  const g = globalThis as WithLabelApi;
  g[globalKey] ??= create().catch((error: unknown) => {
    delete g[globalKey];
    throw error;
  });
  return g[globalKey];
}

export type LabelRouteContext = { params: Promise<{ labelId: string }> };
