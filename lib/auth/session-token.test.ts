import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSessionToken, verifySessionToken, type Session } from './session-token';
import { clearSessionCookie, readCookie, serializeSessionCookie, SESSION_COOKIE } from './session-cookie';

const secret = new Uint8Array(randomBytes(32));
const session: Session = {
  address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  chainId: 31337,
  issuedAt: 1_000,
  expiresAt: 10_000,
};

describe('session token', () => {
  it('round-trips while unexpired and refuses it at expiry', () => {
    const token = signSessionToken(session, secret);
    expect(verifySessionToken(token, secret, 5_000)).toEqual(session);
    expect(verifySessionToken(token, secret, 10_000)).toBeNull();
  });

  it('refuses a tampered payload, a tampered signature, another key and garbage', () => {
    const token = signSessionToken(session, secret);
    const [payload, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...session, address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' }),
    ).toString('base64url');
    expect(verifySessionToken(`${forged}.${mac}`, secret, 5_000)).toBeNull();
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    expect(verifySessionToken(`${payload}.${flipped}`, secret, 5_000)).toBeNull();
    expect(verifySessionToken(token, new Uint8Array(randomBytes(32)), 5_000)).toBeNull();
    for (const bad of ['', 'x', 'a.b.c', `${payload}.`, `.${mac}`])
      expect(verifySessionToken(bad, secret, 5_000)).toBeNull();
    const notJson = Buffer.from('nope').toString('base64url');
    expect(verifySessionToken(signSessionToken(session, secret).replace(payload, notJson), secret, 5_000)).toBeNull();
  });

  it('refuses a correctly signed payload that is not a session', () => {
    const token = signSessionToken({ ...session, address: 'not an address' as `0x${string}` }, secret);
    expect(verifySessionToken(token, secret, 5_000)).toBeNull();
  });
});

describe('session cookie', () => {
  it('is httpOnly, SameSite=Lax, path-wide, with a max age; Secure on https', () => {
    const value = serializeSessionCookie('abc.def', { maxAgeSeconds: 86_400, secure: false });
    expect(value).toBe(`${SESSION_COOKIE}=abc.def; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400`);
    expect(serializeSessionCookie('t', { maxAgeSeconds: 1, secure: true })).toMatch(/; Secure$/);
    expect(clearSessionCookie(false)).toMatch(/^motif_session=; .*Max-Age=0; Expires=Thu, 01 Jan 1970/);
  });

  it('is read from a Cookie header among others', () => {
    expect(readCookie('a=1; motif_session=tok.en; b=2')).toBe('tok.en');
    expect(readCookie('a=1')).toBeNull();
    expect(readCookie(null)).toBeNull();
  });
});
