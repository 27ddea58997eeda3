import { authHandlers } from '../wiring';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** See ../handler.ts. */
export const POST = (request: Request): Promise<Response> => authHandlers.logout(request);
