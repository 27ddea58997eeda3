import { getServices } from '../../../../lib/platform/services';
import { getAuthContext } from '../../../../lib/auth/server-context';
import { withBodyLimit } from '../../../../lib/http/guard';
import { clientKey, PIN_RATE, takeRate, tooManyRequests } from '../../../../lib/http/rate-limit';
import { createPinTrackHandler, pinRequestLimit } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const handler = createPinTrackHandler({
  storage: async () => (await getServices()).storage,
  signingDomain: async () => {
    const services = await getServices();
    const addresses = await services.contractAddresses();
    return { chainId: services.chainId, verifyingContract: addresses.TrackCollection };
  },
  // Pins are the writes that cost storage: counted per client (in PostgreSQL, shared by replicas) once a request is valid.
  admit: async (request) => {
    const decision = await takeRate((await getAuthContext()).prisma, PIN_RATE, clientKey(request));
    return decision.allowed ? null : tooManyRequests(decision);
  },
});

/** Pins a track folder (see ./handler.ts for the request and the answers); chunked uploads are capped as they stream. */
export const POST = withBodyLimit({ limit: pinRequestLimit() }, async (request: Request): Promise<Response> => handler(request));
