import type { NextRequest, NextResponse } from 'next/server';
import { securityProxy } from './lib/http/proxy';

/** Next 16's request hook (formerly middleware): early refusals and security headers, see lib/http/proxy.ts. */
export function proxy(request: NextRequest): NextResponse {
  return securityProxy(request);
}

// Every path but the pin and avatar uploads: with a proxy, Next buffers each body for it, cut past 1 MiB
// (next.config.ts), and a pin is up to ~130 MB, an avatar 2 MiB. Those routes set the same API headers themselves
// (app/api/tracks/pin/route.ts, app/api/profiles/[address]/avatar/route.ts). Only an avatar path with a well-formed
// address skips the proxy: any other (e.g. broken percent-encoding, which fails in Next's parameter decoding with a
// 500) meets the proxy's refusal first.
export const config = { matcher: ['/((?!api/tracks/pin$|api/profiles/0x[0-9a-fA-F]{40}/avatar$).*)'] };
