import { getServices } from '../../../../lib/platform/services';
import { createPinTrackHandler } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const handler = createPinTrackHandler({
  storage: async () => (await getServices()).storage,
  signingDomain: async () => {
    const services = await getServices();
    const addresses = await services.contractAddresses();
    return { chainId: services.chainId, verifyingContract: addresses.TrackCollection };
  },
});

/** Pins a track folder (see ./handler.ts for the request and the answers). */
export async function POST(request: Request): Promise<Response> {
  return handler(request);
}
