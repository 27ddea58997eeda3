import { readCookie } from './session-cookie';
import { verifySessionToken, type Session } from './session-token';

// Request helpers of the signed-in routes. The per-process context they run with (database, cookie key, chain) is
// made by the composition root: lib/platform/auth-context.ts.

/** The signed-in session of a request (from its cookie), or null. */
export function sessionOf(request: Request, secret: Uint8Array, now = Date.now()): Session | null {
  return verifySessionToken(readCookie(request.headers.get('cookie')), secret, now);
}

/** The Host header of a request (for the same-origin check only: sign-in names the configured public origin). */
export function requestHost(request: Request): string {
  return request.headers.get('host') ?? new URL(request.url).host;
}

/** Cookies are Secure on https. */
export function isSecureRequest(request: Request): boolean {
  return (request.headers.get('x-forwarded-proto') ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}

/** Refuses state changes from another origin (defence in depth beside SameSite=Lax): Origin, when sent, must match Host. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === requestHost(request);
  } catch {
    return false;
  }
}
