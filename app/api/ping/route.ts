import { createPingHandler } from './handler';

export const dynamic = 'force-dynamic';

/** See ./handler.ts. */
export const GET = createPingHandler();
