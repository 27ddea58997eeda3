import 'server-only';
import type { PrismaClient } from '../db/client';
import { motifEventOf, type MotifEvent } from '../indexer/decode-logs';
import { recentLostTransactions, type LostTransactionView } from '../indexer/lost-transactions';

/** The kinds of market activity /activity filters by, and the indexed events of each. */
export const ACTIVITY_KINDS = {
  mints: ['TrackMinted', 'VoucherRedeemed', 'VoucherRedeemedInCurrency'],
  sales: ['Sale'],
  listings: ['Listed', 'ListingUpdated', 'ListingCancelled'],
  offers: ['OfferMade', 'OfferCancelled'],
} as const;
export type ActivityKind = keyof typeof ACTIVITY_KINDS;
export const ACTIVITY_PAGE_SIZE = 25;
const MAX_PAGE = 10_000;

export type ActivityQuery = { kind: ActivityKind | null; page: number };

function isActivityKind(kind: string): kind is ActivityKind {
  return Object.hasOwn(ACTIVITY_KINDS, kind);
}

/** ?kind=&page= from a page's search params, leniently: an unknown kind is all kinds, a bad page is the first. */
export function parseActivityQuery(params: Record<string, string | string[] | undefined>): ActivityQuery {
  const kind = typeof params.kind === 'string' && isActivityKind(params.kind) ? params.kind : null;
  const page = Math.max(
    1,
    Math.min(MAX_PAGE, Number.parseInt(typeof params.page === 'string' ? params.page : '1', 10) || 1),
  );
  return { kind, page };
}

/** One indexed event, typed by its contract's ABI (narrow with `contract` then `name` for typed `args`). */
export type ActivityEvent = MotifEvent & {
  txHash: string;
  logIndex: number;
  blockNumber: string;
  tokenId: string | null;
  /** The track's title from its metadata (null until the resolver has read it, or for an event of no track). */
  trackTitle: string | null;
};

export type ActivityPage = {
  events: ActivityEvent[];
  /** Whether an older page exists. */
  more: boolean;
  /** Transactions the chain lost (shown on the first page only, so the people they named redo them). */
  lost: LostTransactionView[];
};

/** One page of recent mints, sales, listings and offers from the indexer's event log, newest first. */
export async function readActivity(
  prisma: Pick<PrismaClient, 'chainEvent' | 'lostTransaction' | 'track'>,
  chainId: number,
  query: ActivityQuery,
): Promise<ActivityPage> {
  const names: string[] = [...(query.kind ? ACTIVITY_KINDS[query.kind] : Object.values(ACTIVITY_KINDS).flat())];
  const [rows, lost] = await Promise.all([
    prisma.chainEvent.findMany({
      where: { chainId, name: { in: names } },
      orderBy: [{ blockNumber: 'desc' }, { logIndex: 'desc' }],
      skip: (query.page - 1) * ACTIVITY_PAGE_SIZE,
      take: ACTIVITY_PAGE_SIZE + 1, // one more says whether there is an older page
    }),
    query.page === 1 ? recentLostTransactions(prisma, chainId) : Promise.resolve([]),
  ]);
  const page = rows.slice(0, ACTIVITY_PAGE_SIZE);
  const tokenIds = page.flatMap((e) => (e.tokenId ? [e.tokenId] : []));
  const tracks = tokenIds.length
    ? await prisma.track.findMany({
        where: { chainId, tokenId: { in: tokenIds } },
        select: { tokenId: true, title: true },
      })
    : [];
  const titleOf = new Map(tracks.map((t) => [t.tokenId.toFixed(0), t.title]));
  return {
    // A row the current ABIs do not describe (written for an older contract version) is left out.
    events: page.flatMap((e) => {
      const event = motifEventOf(e);
      return event
        ? [
            {
              ...event,
              txHash: e.txHash,
              logIndex: e.logIndex,
              blockNumber: e.blockNumber.toString(),
              tokenId: e.tokenId?.toFixed(0) ?? null,
              trackTitle: (e.tokenId && titleOf.get(e.tokenId.toFixed(0))) ?? null,
            },
          ]
        : [];
    }),
    more: rows.length > ACTIVITY_PAGE_SIZE,
    lost,
  };
}

/** The /activity link of a kind and page. */
export function activityHref(page: number, kind: ActivityKind | null): string {
  return `/activity?${new URLSearchParams({ ...(kind ? { kind } : {}), page: String(page) }).toString()}`;
}
