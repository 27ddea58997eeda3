/**
 * The security headers of every answer (issue #19): pages get a nonce-based CSP (no inline script without the
 * request's nonce, no framing), the API a deny-all CSP, and everything nosniff and a Referrer-Policy. `/ipfs/` sets
 * its own sandboxing CSP (lib/ipfs/gateway.ts), so only the headers that do not conflict are added there.
 */

/** Sent with every answer. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

/** API answers are data, never documents: nothing may load, run or frame. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** WalletConnect's relay and its verify/explorer services (only contacted when a project id is configured). */
const WALLETCONNECT_SOURCES = [
  'https://*.walletconnect.com',
  'wss://*.walletconnect.com',
  'https://*.walletconnect.org',
  'wss://*.walletconnect.org',
  'https://*.reown.com',
  'wss://*.reown.com',
];

/**
 * The CSP of an HTML page. Scripts run only from our origin's bundles loaded by a script carrying `nonce`
 * ('strict-dynamic': Next puts the nonce on its own scripts); `connectOrigins` are the RPC the browser's wallet
 * client reads the chain from. WebAssembly compilation is allowed for the in-browser models, and workers and media
 * from blob: URLs for the studio's synthesis and previews. Inline style attributes stay allowed (React renders them).
 */
export function pageCsp(nonce: string, connectOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "worker-src 'self' blob:",
    // blob: — the studio reads back the WAV it rendered (a blob: URL) when it publishes a draft to /mint.
    `connect-src 'self' blob: ${[...connectOrigins, ...WALLETCONNECT_SOURCES].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh, unguessable nonce for one page response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
}

export type RouteKind = 'page' | 'api' | 'gateway' | 'static';

/** Which header set a path gets. */
export function routeKind(pathname: string): RouteKind {
  if (pathname.startsWith('/_next/static/') || pathname.startsWith('/models/') || pathname === '/favicon.ico')
    return 'static';
  if (pathname === '/api' || pathname.startsWith('/api/')) return 'api';
  // /media/<folder>/stream|cover serves folder files as the gateway does (app/media/[cid]/[kind]/route.ts)
  if (pathname.startsWith('/ipfs/') || pathname.startsWith('/media/')) return 'gateway';
  return 'page';
}

/** Sets the API's security headers on a response (for a route the proxy does not run on). */
export function withApiHeaders(response: Response): Response {
  for (const [name, value] of Object.entries({ ...COMMON_SECURITY_HEADERS, 'content-security-policy': API_CSP }))
    response.headers.set(name, value);
  return response;
}
