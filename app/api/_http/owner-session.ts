import { getAddress, isAddress, type Address } from 'viem';
import { isSameOrigin, sessionOf } from '../../../lib/auth/server-context';
import { errorResponse } from './errors';

/**
 * The checks of a route that changes what belongs to one address (a profile, its avatar), in one order: 404 for a
 * malformed address, 403 from another origin, 401 without a SIWE session, 403 (`notYours`) when the session is
 * another address's. Returns the owner's checksummed address, or the refusal to answer with.
 */
export function requireOwnerSession(
  request: Request,
  address: string,
  secret: Uint8Array,
  notYours: string,
): Address | Response {
  if (!isAddress(address, { strict: false })) return errorResponse(404, { error: 'Not an address' });
  if (!isSameOrigin(request)) return errorResponse(403, { error: 'Cross-origin request refused' });
  const session = sessionOf(request, secret);
  if (!session) return errorResponse(401, { error: 'Sign in with Ethereum first' });
  if (session.address !== getAddress(address)) return errorResponse(403, { error: notYours });
  return session.address;
}
