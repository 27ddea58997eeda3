import { getAddress, isAddress } from 'viem';
import { readAccountSplits } from '../../../../lib/balance/account-splits';
import type { PrismaClient } from '../../../../lib/db/client';
import { errorResponse } from '../../_http/errors';

/**
 * GET /api/balance/splits?account=0x… -> { splits: [{ split, accounts, shares }], tokens } (public index data: the
 * splits the account receives from now, for the money page's pending distributions). 400 for a malformed account.
 */
export function createBalanceSplitsHandler(
  context: () => Promise<{ prisma: Pick<PrismaClient, 'chainEvent'>; chainId: number }>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const account = new URL(request.url).searchParams.get('account') ?? '';
    if (!isAddress(account, { strict: false }))
      return errorResponse(400, { error: 'Invalid account', issues: ['account: not an address'] });
    const { prisma, chainId } = await context();
    return Response.json(await readAccountSplits(prisma, chainId, getAddress(account)), {
      headers: { 'cache-control': 'no-store' },
    });
  };
}
