/** The session cookie: httpOnly (no script reads it), SameSite=Lax (not sent on cross-site subrequests or POSTs). */
export const SESSION_COOKIE = 'motif_session';

export type CookieOptions = { maxAgeSeconds: number; secure: boolean };

export function serializeSessionCookie(token: string, options: CookieOptions): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** A Set-Cookie value that removes the session cookie. */
export function clearSessionCookie(secure: boolean): string {
  return serializeSessionCookie('', { maxAgeSeconds: 0, secure }) + '; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
}

/** The value of cookie `name` in a Cookie request header, if present. */
export function readCookie(header: string | null | undefined, name = SESSION_COOKIE): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
