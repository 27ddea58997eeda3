import type { NextRequest, NextResponse } from 'next/server';
import { securityProxy } from './lib/http/proxy';

/** Next 16's request hook (formerly middleware): early refusals and security headers, see lib/http/proxy.ts. */
export function proxy(request: NextRequest): NextResponse {
  return securityProxy(request);
}
