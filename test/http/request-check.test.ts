import { describe, expect, it } from 'vitest';
import { malformedRequest } from '../../lib/http/request-check';
import { pageCsp, routeKind } from '../../lib/http/security-headers';

const check = (method: string, url: string) => malformedRequest(method, new URL(url, 'http://localhost'));

describe('malformedRequest', () => {
  it('refuses TRACE, bad percent-encoding, and NUL or lone surrogates in the path or query', () => {
    expect(check('TRACE', '/')).toMatchObject({ status: 405 });
    expect(check('GET', '/ipfs/bafy/%E0%A4%A')).toMatchObject({
      status: 400,
      error: 'The path is not valid percent-encoding',
    });
    expect(check('GET', '/ipfs/bafy/%')).toMatchObject({ status: 400 });
    expect(check('GET', '/api/x/a%00b')).toMatchObject({ status: 400 });
    expect(check('GET', '/api/x/%ED%A0%80')).toMatchObject({ status: 400 }); // UTF-8 of a surrogate is not valid UTF-8
    expect(check('GET', '/api/gallery?q=a%00b')).toMatchObject({ status: 400 });
  });

  it('lets ordinary requests through', () => {
    expect(check('GET', '/api/gallery?q=caf%C3%A9&sort=title')).toBeNull();
    expect(check('POST', '/ipfs/bafy/track%20one.wav')).toBeNull();
  });
});

describe('security headers', () => {
  it('classifies paths and builds a page CSP with the nonce and the RPC origin', () => {
    expect(['/', '/gallery', '/api/ping', '/ipfs/x', '/media/x/stream', '/_next/static/a.js'].map(routeKind)).toEqual([
      'page',
      'page',
      'api',
      'gateway',
      'gateway',
      'static',
    ]);
    const csp = pageCsp('abc123', ['http://127.0.0.1:8545']);
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("connect-src 'self' blob: http://127.0.0.1:8545");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });
});
