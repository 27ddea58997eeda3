import { getAddress, isAddress } from 'viem';
import { profileUpdateSchema, readProfile, updateProfile } from '../../../../lib/auth/profile';
import { getAuthContext, isSameOrigin, sessionOf } from '../../../../lib/auth/server-context';
import { withLiveSession } from '../../../../lib/auth/live-session';
import { withBodyLimit } from '../../../../lib/http/guard';
import { JSON_BODY } from '../../../../lib/http/policies';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { params: Promise<{ address: string }> };

/** GET /api/profiles/:address -> { address, displayName, bio } (404 for a malformed address). */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  const { address } = await params;
  if (!isAddress(address, { strict: false })) return Response.json({ error: 'Not an address' }, { status: 404 });
  const { prisma } = await getAuthContext();
  return Response.json(await readProfile(prisma, getAddress(address)));
}

/**
 * PUT /api/profiles/:address { displayName?, bio? } -> 200 the profile. 401 without a SIWE session, 403 when the
 * session is another address (or another origin), 400 { error, problems } for invalid fields.
 */
export const PUT = withBodyLimit(JSON_BODY, withLiveSession(async (request: Request, { params }: Params): Promise<Response> => {
  const { address } = await params;
  if (!isAddress(address, { strict: false })) return Response.json({ error: 'Not an address' }, { status: 404 });
  if (!isSameOrigin(request)) return Response.json({ error: 'Cross-origin request refused' }, { status: 403 });
  const ctx = await getAuthContext();
  const session = sessionOf(request, ctx.secret);
  if (!session) return Response.json({ error: 'Sign in with Ethereum first' }, { status: 401 });
  if (session.address !== getAddress(address)) return Response.json({ error: 'You can only edit your own profile' }, { status: 403 });
  const parsed = profileUpdateSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: 'Invalid profile', problems: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) }, { status: 400 });
  return Response.json(await updateProfile(ctx.prisma, session.address, parsed.data));
}));
