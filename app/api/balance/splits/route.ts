import { getServices } from '../../../../lib/platform/services';
import { createBalanceSplitsHandler } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** See ./handler.ts. */
export const GET = createBalanceSplitsHandler(getServices);
