import type { Metadata } from 'next';
import { describeEvent } from '../_components/format';
import { pagesDb } from '../_components/server-prisma';
import { recentLostTransactions } from '../../lib/indexer/lost-transactions';
import { shortHex } from '../../lib/format/short-hex';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Activity' };

const KINDS = {
  mints: ['TrackMinted', 'VoucherRedeemed'],
  sales: ['Sale'],
  listings: ['Listed', 'ListingUpdated', 'ListingCancelled'],
  offers: ['OfferMade', 'OfferCancelled'],
} as const;
type Kind = keyof typeof KINDS;
const ALL = Object.values(KINDS).flat();
const PAGE_SIZE = 25;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Recent mints, sales, listings and offers from the indexer's event log, newest first, 25 a page. */
export default async function ActivityPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const kind = typeof params.kind === 'string' && params.kind in KINDS ? (params.kind as Kind) : null;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(typeof params.page === 'string' ? params.page : '1', 10) || 1));
  const { prisma, chainId } = await pagesDb();
  const rows = await prisma.chainEvent.findMany({
    where: { chainId, name: { in: [...(kind ? KINDS[kind] : ALL)] } },
    orderBy: [{ blockNumber: 'desc' }, { logIndex: 'desc' }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE + 1,
  });
  const more = rows.length > PAGE_SIZE;
  const lost = page === 1 ? await recentLostTransactions(prisma, chainId) : [];
  const href = (p: number, k: Kind | null = kind) => `/activity?${new URLSearchParams({ ...(k ? { kind: k } : {}), page: String(p) }).toString()}`;
  return (
    <>
      <h1>Activity</h1>
      {lost.length > 0 && (
        <section className="lost-transactions" role="alert" aria-labelledby="lost-heading" data-testid="lost-transactions">
          <h2 id="lost-heading">Lost transactions</h2>
          <p>
            These transactions were confirmed, then lost when the chain restarted or reorganised (a local chain keeps only what it saved before it
            was stopped). Nothing they did is in effect: if you made one, do it again.
          </p>
          <ul>
            {lost.map((t) => (
              <li key={t.txHash}>
                {`${t.events.map((e) => `${e.name}${e.tokenId === null ? '' : ` (token ${shortHex(e.tokenId)})`}`).join(', ')} by ${t.accounts.map(shortHex).join(', ') || 'unknown'} `}
                <span className="muted">{`transaction ${shortHex(t.txHash)}, block ${t.blockNumber}, lost ${t.detectedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <nav aria-label="Activity kinds">
        <a href="/activity" aria-current={kind === null ? 'page' : undefined}>All</a>{' '}
        {(Object.keys(KINDS) as Kind[]).map((k) => (
          <a key={k} href={href(1, k)} aria-current={kind === k ? 'page' : undefined}>{k[0]!.toUpperCase() + k.slice(1)} </a>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="activity" data-testid="activity">
          {rows.slice(0, PAGE_SIZE).map((e) => (
            <li key={`${e.txHash}-${e.logIndex}`}>
              {e.tokenId ? <a href={`/tracks/${e.tokenId.toFixed(0)}`}>{describeEvent(e.name, e.args as Record<string, unknown>)}</a> : describeEvent(e.name, e.args as Record<string, unknown>)}{' '}
              <span className="muted">block {e.blockNumber.toString()}</span>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages">
        {page > 1 && <a href={href(page - 1)} rel="prev">Newer</a>} {more && <a href={href(page + 1)} rel="next">Older</a>}
      </nav>
    </>
  );
}
