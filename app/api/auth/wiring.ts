import 'server-only';
import { getAuthContext } from '../../../lib/platform/auth-context';
import { createAuthHandlers } from './handler';

/** The sign-in handlers of this server process (shared by the route.ts files under app/api/auth). */
export const authHandlers = createAuthHandlers(getAuthContext);
