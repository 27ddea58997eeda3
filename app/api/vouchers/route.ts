import { createPublicClient, http, type PublicClient } from 'viem';
import { withBodyLimit } from '../../../lib/http/guard';
import { JSON_BODY } from '../../../lib/http/policies';
import { clientKey, takeRate, tooManyRequests, VOUCHER_RATE } from '../../../lib/http/rate-limit';
import { withApiHeaders } from '../../../lib/http/security-headers';
import { getServices } from '../../../lib/platform/services';
import { storeVoucher } from '../../../lib/vouchers/store-voucher';
import { createStoreVoucherHandler } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** One RPC client per process (not one per request): it checks ERC-1271 wallets' signatures as the contract does. */
let reader: { rpcUrl: string; client: PublicClient } | undefined;
function chainReader(rpcUrl: string): PublicClient {
  if (reader?.rpcUrl !== rpcUrl) reader = { rpcUrl, client: createPublicClient({ transport: http(rpcUrl) }) };
  return reader.client;
}

const handler = createStoreVoucherHandler({
  store: async (body) => {
    const services = await getServices();
    const { TrackCollection } = await services.contractAddresses();
    if (!TrackCollection) throw new Error('TrackCollection is not deployed');
    return storeVoucher({
      prisma: services.prisma,
      chain: chainReader(services.rpcUrl),
      storage: services.storage,
      chainId: services.chainId,
      collection: TrackCollection,
      body,
    });
  },
  // Each stored voucher is a row: counted per client (in PostgreSQL, shared by replicas) once a request is JSON.
  admit: async (request) => {
    const services = await getServices();
    const decision = await takeRate(services.prisma, VOUCHER_RATE, clientKey(request));
    return decision.allowed ? null : tooManyRequests(decision);
  },
});

const bounded = withBodyLimit(JSON_BODY, async (request: Request, _context: unknown): Promise<Response> =>
  handler(request),
);

/** Stores a creator-signed voucher for its short link (see ./handler.ts). */
export async function POST(request: Request): Promise<Response> {
  return withApiHeaders(await bounded(request, undefined));
}
