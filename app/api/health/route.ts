import { cachedServicesHealth } from '../../../lib/platform/health-cache';
import { createHealthHandler } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** See ./handler.ts; live checks at most once a second (lib/platform/health-cache.ts). */
export const GET = createHealthHandler(cachedServicesHealth);
