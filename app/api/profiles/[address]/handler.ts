import { getAddress, isAddress } from 'viem';
import { profileUpdateSchema, readProfile, updateProfile } from '../../../../lib/auth/profile';
import type { PrismaClient } from '../../../../lib/db/client';
import { errorResponse, issueLines } from '../../_http/errors';
import { requireOwnerSession } from '../../_http/owner-session';

/** GET and PUT /api/profiles/:address over the database and the session cookie key (./route.ts passes this process's). */
export function createProfileHandlers(
  context: () => Promise<{ prisma: Pick<PrismaClient, 'profile'>; secret: Uint8Array }>,
) {
  return {
    /** GET /api/profiles/:address -> { address, displayName, bio } (404 for a malformed address). */
    async get(_request: Request, address: string): Promise<Response> {
      if (!isAddress(address, { strict: false })) return errorResponse(404, { error: 'Not an address' });
      const { prisma } = await context();
      return Response.json(await readProfile(prisma, getAddress(address)));
    },

    /**
     * PUT /api/profiles/:address { displayName?, bio? } -> 200 the profile. 401 without a SIWE session, 403 when the
     * session is another address (or another origin), 400 { error, issues } for invalid fields.
     */
    async put(request: Request, address: string): Promise<Response> {
      const ctx = await context();
      const owner = requireOwnerSession(request, address, ctx.secret, 'You can only edit your own profile');
      if (owner instanceof Response) return owner;
      const parsed = profileUpdateSchema.safeParse(await request.json().catch(() => null));
      if (!parsed.success) return errorResponse(400, { error: 'Invalid profile', issues: issueLines(parsed.error) });
      return Response.json(await updateProfile(ctx.prisma, owner, parsed.data));
    },
  };
}
