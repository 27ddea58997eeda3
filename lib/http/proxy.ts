import { NextResponse, type NextRequest } from 'next/server';
import { resolveChain } from '../config/chains';
import { parseEnv } from '../config/env';
import { malformedRequest } from './request-check';
import { API_CSP, COMMON_SECURITY_HEADERS, newNonce, pageCsp, routeKind } from './security-headers';

let rpcOrigins: string[] | undefined;

/** The origin of the RPC the browser's wallet client calls (from the same settings the app reads). */
function connectOrigins(): string[] {
  if (rpcOrigins) return rpcOrigins;
  try {
    const { rpcUrl } = resolveChain(parseEnv());
    rpcOrigins = [new URL(rpcUrl).origin];
  } catch {
    rpcOrigins = []; // bad settings: the app's own start-up reports them; pages then reach only our origin
  }
  return rpcOrigins;
}

function withHeaders(response: NextResponse, headers: Readonly<Record<string, string>>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Runs before every route: refuses malformed requests with a 4xx (lib/http/request-check.ts) and sets the security
 * headers (lib/http/security-headers.ts). Pages get a fresh nonce, passed to Next in the request's CSP header, which
 * Next reads to put the nonce on its own scripts.
 */
export function securityProxy(request: NextRequest): NextResponse {
  const url = new URL(request.url);
  const refusal = malformedRequest(request.method, url);
  if (refusal) {
    const response = NextResponse.json(
      { error: refusal.error },
      {
        status: refusal.status,
        headers: refusal.status === 405 ? { allow: 'GET, HEAD, POST, PUT, PATCH, DELETE' } : {},
      },
    );
    return withHeaders(response, { ...COMMON_SECURITY_HEADERS, 'content-security-policy': API_CSP });
  }
  const kind = routeKind(url.pathname);
  if (kind === 'page') {
    const csp = pageCsp(newNonce(), connectOrigins());
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('content-security-policy', csp);
    return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), {
      ...COMMON_SECURITY_HEADERS,
      'content-security-policy': csp,
    });
  }
  if (kind === 'api')
    return withHeaders(NextResponse.next(), { ...COMMON_SECURITY_HEADERS, 'content-security-policy': API_CSP });
  // The gateway sends its own complete set (a sandboxing CSP); static files need only the common headers.
  if (kind === 'gateway') return NextResponse.next();
  return withHeaders(NextResponse.next(), COMMON_SECURITY_HEADERS);
}
