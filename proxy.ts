import type { NextRequest, NextResponse } from 'next/server';
import { securityProxy } from './lib/http/proxy';

/** Next 16's request hook (formerly middleware): early refusals and security headers, see lib/http/proxy.ts. */
export function proxy(request: NextRequest): NextResponse {
  return securityProxy(request);
}

// Every path but the pin upload: with a proxy, Next buffers each body for it (next.config.ts), and a pin is up to
// ~130 MB. The pin route sets the same API headers itself (app/api/tracks/pin/route.ts).
export const config = { matcher: ['/((?!api/tracks/pin).*)'] };
