import { allowlistProof } from '../../../../../lib/editions/allowlist-store';
import { withApiHeaders } from '../../../../../lib/http/security-headers';
import { getServices } from '../../../../../lib/platform/services';
import { createProofHandler } from '../../handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const handler = createProofHandler({
  proof: async (params) => {
    const services = await getServices();
    return allowlistProof(
      { storage: services.storage, prisma: services.prisma },
      { chainId: services.chainId, ...params },
    );
  },
});

/** The allowlist proof of an account for a phase of this edition (see ../../handler.ts). */
export async function GET(request: Request, context: { params: Promise<{ editionId: string }> }): Promise<Response> {
  const { editionId } = await context.params;
  return withApiHeaders(await handler(request, editionId));
}
