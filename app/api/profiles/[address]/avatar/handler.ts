import type { PrismaClient } from '../../../../../lib/db/client';
import type { IpfsStorage } from '../../../../../lib/ipfs/storage';
import { uploadAvatar } from '../../../../../lib/profiles/avatar-upload';
import { HttpError } from '../../../../../lib/tracks/limits';
import { errorResponse } from '../../../_http/errors';
import { requireOwnerSession } from '../../../_http/owner-session';

type Context = {
  prisma: Pick<PrismaClient, 'profileAvatar'>;
  storage: Pick<IpfsStorage, 'addFolder'>;
  secret: Uint8Array;
  /** Rate limit for a signed-in owner's uploads (each one pins); null to go on, or the refusal. */
  admit: (request: Request) => Promise<Response | null>;
};

/** PUT /api/profiles/:address/avatar over the database, IPFS and the session cookie key (./route.ts passes them). */
export function createAvatarHandler(context: () => Promise<Context>) {
  /**
   * The image file is the request body (its declared type is ignored: the bytes decide). 200 { url } once pinned;
   * 401 without a SIWE session, 403 for another address's session or origin, 429 past the owner's upload rate,
   * 400 empty, 413 too large, 415 not a PNG, JPEG or WebP image.
   */
  return async function put(request: Request, address: string): Promise<Response> {
    const ctx = await context();
    const owner = requireOwnerSession(request, address, ctx.secret, 'You can only change your own avatar');
    if (owner instanceof Response) return owner;
    // Counted once the owner is known, before the body is read: an upload that is then refused still cost a read.
    const refused = await ctx.admit(request);
    if (refused) return refused;
    try {
      return Response.json(await uploadAvatar(ctx, owner, new Uint8Array(await request.arrayBuffer())));
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error.status, { error: error.message });
      throw error;
    }
  };
}
