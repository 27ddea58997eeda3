import { resolveChain } from '../../../lib/config/chains';
import { getAuthContext } from '../../../lib/platform/auth-context';
import { getServices } from '../../../lib/platform/services';
import { createNotificationHandlers } from './handler';

/** The notification routes' one handler pair over this process's database, cookie key and chain. */
export const notificationHandlers = createNotificationHandlers(async () => {
  const [{ prisma, secret, chainId }, services] = await Promise.all([getAuthContext(), getServices()]);
  return { prisma, secret, chainId, currency: resolveChain(services.env).chain.nativeCurrency };
});
