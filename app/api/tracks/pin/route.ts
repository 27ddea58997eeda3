import { getAddress } from 'viem';
import { getServices } from '../../../../lib/platform/services';
import { c2paCredentials } from '../../../../lib/platform/c2pa-credentials';
import { readProfile } from '../../../../lib/auth/profile';
import { publicOrigins } from '../../../../lib/config/env';
import { withBodyLimit } from '../../../../lib/http/guard';
import { clientKey, PIN_RATE, takeRate, tooManyRequests } from '../../../../lib/http/rate-limit';
import { withApiHeaders } from '../../../../lib/http/security-headers';
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
  // metadata.json names the artist by their profile name unless the mint form gave one; links go to the public origin.
  metadataDefaults: async (creator) => {
    const services = await getServices();
    const profile = await readProfile(services.prisma, getAddress(creator));
    return { artist: profile.displayName, siteOrigin: publicOrigins(services.env)[0] ?? 'http://localhost:3000' };
  },
  c2pa: async () => {
    const services = await getServices();
    return c2paCredentials({ env: services.env, dataDir: services.layout.dataDir });
  },
  // Pins are the writes that cost storage: counted per client (in PostgreSQL, shared by replicas) once a request is valid.
  admit: async (request) => {
    const services = await getServices();
    const decision = await takeRate(services.prisma, PIN_RATE, clientKey(request));
    return decision.allowed ? null : tooManyRequests(decision);
  },
});

const bounded = withBodyLimit(
  { limit: pinRequestLimit() },
  async (request: Request, _context: unknown): Promise<Response> => handler(request),
);

/**
 * Pins a track folder (see ./handler.ts for the request and the answers); chunked uploads are capped as they stream.
 * The proxy does not run here (proxy.ts), so the API's security headers are set on the way out.
 */
export async function POST(request: Request): Promise<Response> {
  return withApiHeaders(await bounded(request, undefined));
}
