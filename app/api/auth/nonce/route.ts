import { authHandlers } from '../wiring';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** See ../handler.ts. */
export const GET = (request: Request): Promise<Response> => authHandlers.nonce(request);
