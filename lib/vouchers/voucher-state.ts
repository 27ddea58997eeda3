import { Prisma } from '../db/generated/client';

/** Whether a stored voucher can still be collected, as the index and the clock say. */
export type VoucherState = 'open' | 'redeemed' | 'cancelled' | 'expired';

/**
 * The SQL of a stored voucher's state (alias `v`), read from the index as the gallery reads tracks: redeemed once its
 * token is indexed (VoucherRedeemed mints it; a creator's own mint of the same content also ends the voucher),
 * cancelled once a NonceCancelled for its creator and nonce is indexed, expired past its deadline.
 */
export const VOUCHER_STATE_SQL = Prisma.sql`CASE
  WHEN EXISTS (SELECT 1 FROM "Track" t WHERE t."chainId" = v."chainId" AND t."tokenId" = v."tokenId") THEN 'redeemed'
  WHEN EXISTS (
    SELECT 1 FROM "ChainEvent" e
    WHERE e."chainId" = v."chainId" AND e."contract" = 'TrackCollection' AND e."name" = 'NonceCancelled'
      AND lower(e."args"->>'creator') = lower(v."creator") AND e."args"->>'nonce' = v."nonce"::text
  ) THEN 'cancelled'
  WHEN v."deadline" < extract(epoch FROM now()) THEN 'expired'
  ELSE 'open' END`;
