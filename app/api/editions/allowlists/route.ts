import { pinAllowlist, MAX_ALLOWLIST_FILE_BYTES } from '../../../../lib/editions/allowlist-store';
import { withBodyLimit } from '../../../../lib/http/guard';
import { clientKey, PIN_RATE, takeRate, tooManyRequests } from '../../../../lib/http/rate-limit';
import { withApiHeaders } from '../../../../lib/http/security-headers';
import { getServices } from '../../../../lib/platform/services';
import { createPinAllowlistHandler } from '../handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const handler = createPinAllowlistHandler({
  pin: async (file) => {
    const services = await getServices();
    return pinAllowlist({ storage: services.storage, prisma: services.prisma }, file);
  },
  // Pins cost storage: counted with the track pins' rule.
  admit: async (request) => {
    const services = await getServices();
    const decision = await takeRate(services.prisma, PIN_RATE, clientKey(request));
    return decision.allowed ? null : tooManyRequests(decision);
  },
});

const bounded = withBodyLimit(
  { limit: MAX_ALLOWLIST_FILE_BYTES, json: true },
  async (request: Request, _context: unknown): Promise<Response> => handler(request),
);

/** Pins an allowlist file built in the browser (see ../handler.ts). */
export async function POST(request: Request): Promise<Response> {
  return withApiHeaders(await bounded(request, undefined));
}
