import type { NextRequest, NextResponse } from 'next/server';
import { securityProxy } from './lib/http/proxy';

/** Next 16's request hook (formerly middleware): early refusals and security headers, see lib/http/proxy.ts. */
export function proxy(request: NextRequest): NextResponse {
  return securityProxy(request);
}

// Every path but the pin and avatar uploads: with a proxy, Next buffers each body for it, cut past 1 MiB
// (next.config.ts), and a pin is up to ~130 MB, an avatar 2 MiB. Those routes set the same API headers themselves
// (app/api/tracks/pin/route.ts, app/api/profiles/[address]/avatar/route.ts).
export const config = { matcher: ['/((?!api/tracks/pin|api/profiles/.*/avatar).*)'] };
