import type { Metadata } from 'next';
import Link from 'next/link';
import { createPublicClient, getAddress, http } from 'viem';
import { listEditions } from '../../lib/editions/edition-view';
import { peopleOf } from '../../lib/profiles/display-names';
import { getServices } from '../../lib/platform/services';
import { formatAmount } from '../../lib/format/amount';
import { serverCurrency } from '../_components/server-currency';
import { AccountName } from '../_components/account-name';

export const metadata: Metadata = { title: 'Editions' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The gallery's editions view: every edition, or only those collectable now (a phase selling, copies left). */
export default async function EditionsPage({ searchParams }: Props) {
  const query = await searchParams;
  const collectableNow = query.now === '1';
  const services = await getServices();
  // Phases open and close by block time: ask the chain (the device clock when it cannot be reached).
  const chainNow = await createPublicClient({ transport: http(services.rpcUrl) })
    .getBlock()
    .then((b) => Number(b.timestamp))
    .catch(() => Math.floor(Date.now() / 1000));
  const [editions, currency] = await Promise.all([
    listEditions(services.prisma, services.chainId, { collectableNow, now: chainNow }),
    serverCurrency(),
  ]);
  const people = await peopleOf(
    services.prisma,
    editions.map((e) => e.creator),
  );
  return (
    <>
      <h1>Editions</h1>
      <nav aria-label="Filter">
        <p>
          <Link href="/gallery">1/1 tracks</Link> ·{' '}
          <Link href="/editions" aria-current={collectableNow ? undefined : 'page'}>
            All editions
          </Link>{' '}
          ·{' '}
          <Link href="/editions?now=1" aria-current={collectableNow ? 'page' : undefined}>
            Collectable now
          </Link>
        </p>
      </nav>
      {editions.length === 0 ? (
        <p>{collectableNow ? 'No edition is selling right now.' : 'No editions yet.'}</p>
      ) : (
        <ul aria-label={collectableNow ? 'Editions collectable now' : 'Editions'} data-testid="editions-list">
          {editions.map((e) => (
            <li key={e.editionId}>
              <Link href={`/tracks/${e.trackTokenId}`}>{e.title ?? `Track ${e.trackTokenId.slice(0, 10)}…`}</Link> by{' '}
              <AccountName address={getAddress(e.creator)} people={people} /> · {e.minted} /{' '}
              {e.maxSupply > 0 ? e.maxSupply : '∞'} collected
              {e.phase && (
                <>
                  {' '}
                  ·{' '}
                  {e.phase.mode === 'allowlist'
                    ? 'presale'
                    : e.phase.mode === 'signature'
                      ? 'by approval'
                      : 'public sale'}{' '}
                  at {formatAmount(e.phase.priceWei, currency)}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
