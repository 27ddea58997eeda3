import { createHmac, timingSafeEqual } from 'node:crypto';
import { getAddress, isAddress, type Address } from 'viem';

/** What a signed-in browser holds: who signed in, on which chain, and until when (unix milliseconds). */
export type Session = { address: Address; chainId: number; issuedAt: number; expiresAt: number };

/** Sessions last a day unless the caller says otherwise. */
export const SESSION_TTL_MS = 24 * 60 * 60 * 1000;

function mac(payload: string, secret: Uint8Array): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** `base64url(JSON session) + "." + base64url(HMAC-SHA256(payload, secret))`. */
export function signSessionToken(session: Session, secret: Uint8Array): string {
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.address === 'string' &&
    isAddress(v.address) &&
    typeof v.chainId === 'number' &&
    Number.isSafeInteger(v.chainId) &&
    typeof v.issuedAt === 'number' &&
    typeof v.expiresAt === 'number'
  );
}

/** The session a token carries, or null when it is malformed, its signature does not match, or it has expired. */
export function verifySessionToken(
  token: string | undefined | null,
  secret: Uint8Array,
  now = Date.now(),
): Session | null {
  if (!token) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [payload, signature] = parts as [string, string];
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isSession(parsed) || parsed.expiresAt <= now) return null;
  return { ...parsed, address: getAddress(parsed.address) };
}
