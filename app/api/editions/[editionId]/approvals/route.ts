import { createPublicClient, http, type PublicClient } from 'viem';
import {
  findMintApproval,
  storeMintApproval,
  type ApprovalStoreDeps,
} from '../../../../../lib/editions/approval-store';
import { withBodyLimit } from '../../../../../lib/http/guard';
import { JSON_BODY } from '../../../../../lib/http/policies';
import { clientKey, takeRate, tooManyRequests, VOUCHER_RATE } from '../../../../../lib/http/rate-limit';
import { withApiHeaders } from '../../../../../lib/http/security-headers';
import { getServices } from '../../../../../lib/platform/services';
import { createFindApprovalHandler, createStoreApprovalHandler } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** One RPC client per process (not one per request): it reads signers and nonces, and checks ERC-1271 signatures. */
let reader: { rpcUrl: string; client: PublicClient } | undefined;
function chainReader(rpcUrl: string): PublicClient {
  if (reader?.rpcUrl !== rpcUrl) reader = { rpcUrl, client: createPublicClient({ transport: http(rpcUrl) }) };
  return reader.client;
}

async function storeDeps(): Promise<ApprovalStoreDeps> {
  const services = await getServices();
  const { Editions } = await services.contractAddresses();
  if (!Editions) throw new Error('Editions is not deployed');
  return {
    prisma: services.prisma,
    chain: chainReader(services.rpcUrl),
    chainId: services.chainId,
    editions: Editions,
  };
}

const store = createStoreApprovalHandler({
  store: async (editionId, body) => storeMintApproval(await storeDeps(), { editionId, body }),
  // Each stored approval is a row, like a stored voucher: counted with the vouchers' rule, per client.
  admit: async (request) => {
    const services = await getServices();
    const decision = await takeRate(services.prisma, VOUCHER_RATE, clientKey(request));
    return decision.allowed ? null : tooManyRequests(decision);
  },
});
const find = createFindApprovalHandler({ find: async (params) => findMintApproval(await storeDeps(), params) });

type Context = { params: Promise<{ editionId: string }> };

const bounded = withBodyLimit(JSON_BODY, async (request: Request, context: Context): Promise<Response> => {
  const { editionId } = await context.params;
  return store(request, editionId);
});

/** Stores a mint approval signed by the edition creator's mint signer (see ./handler.ts). */
export async function POST(request: Request, context: Context): Promise<Response> {
  return withApiHeaders(await bounded(request, context));
}

/** The approval an account mints with in a signature-gated phase (see ./handler.ts). */
export async function GET(request: Request, context: Context): Promise<Response> {
  const { editionId } = await context.params;
  return withApiHeaders(await find(request, editionId));
}
