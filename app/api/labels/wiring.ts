import 'server-only';
import type { Address } from 'viem';
import { isSameOrigin, sessionOf } from '../../../lib/auth/server-context';
import { viemLabelChain } from '../../../lib/labels/chain-reader';
import { getAuthContext } from '../../../lib/platform/auth-context';
import { getServices } from '../../../lib/platform/services';
import { resolveChain } from '../../../lib/config/chains';
import { perProcess } from '../_http/per-process';
import { createLabelHandlers, type LabelHandlers } from './handler';

/**
 * The label handlers of this server process, wired to the composition root (lib/platform): the process's database
 * client and one chain client. Shared by every route.ts under app/api/labels, which only pick their method.
 */
export const labelHandlers: () => Promise<LabelHandlers> = perProcess('labelHandlers', async () => {
  const [ctx, services] = await Promise.all([getAuthContext(), getServices()]);
  return createLabelHandlers({
    prisma: services.prisma,
    chainId: services.chainId,
    chain: viemLabelChain(services.rpcUrl),
    splitMain: async () => ((await services.contractAddresses()).SplitMain as Address | undefined) ?? null,
    market: async () => ((await services.contractAddresses()).Market as Address | undefined) ?? null,
    session: (request) => sessionOf(request, ctx.secret),
    sameOrigin: isSameOrigin,
    nativeCurrency: resolveChain(services.env).chain.nativeCurrency,
  });
});

export type LabelRouteContext = { params: Promise<{ labelId: string }> };
