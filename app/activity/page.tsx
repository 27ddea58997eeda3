import type { Metadata } from 'next';
import Link from 'next/link';
import { serverCurrency, serverTokenCurrencies } from '../_components/server-currency';
import {
  ACTIVITY_KINDS,
  activityHref,
  parseActivityQuery,
  readActivity,
  type ActivityKind,
} from '../../lib/activity/activity-feed';
import { readBlockTimes } from '../../lib/activity/block-times';
import { accountsInEvent, actorOfEvent, describeEvent } from '../../lib/activity/describe-event';
import { peopleOf } from '../../lib/profiles/display-names';
import { AccountAvatar } from '../_components/account-name';
import { exactTime, relativeTime } from '../../lib/format/relative-time';
import { shortHex } from '../../lib/format/short-hex';
import { getServices } from '../../lib/platform/services';
import { createPublicClient, http } from 'viem';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Activity' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Recent mints, sales, listings and offers from the indexer's event log, newest first, 25 a page (lib/activity). */
export default async function ActivityPage({ searchParams }: { searchParams: SearchParams }) {
  const { kind, page } = parseActivityQuery(await searchParams);
  const { prisma, chainId, rpcUrl } = await getServices();
  const [{ events, more, lost }, currency, tokens] = await Promise.all([
    readActivity(prisma, chainId, { kind, page }),
    serverCurrency(),
    serverTokenCurrencies(),
  ]);
  const [times, people] = await Promise.all([
    readBlockTimes(
      // A chain that does not answer quickly leaves block numbers in place of times rather than holding the page.
      createPublicClient({ transport: http(rpcUrl, { timeout: 2_000, retryCount: 0 }) }),
      events.map((e) => e.blockNumber),
    ),
    // the people the events name: display names and uploaded avatars
    peopleOf(
      prisma,
      events.flatMap((e) => accountsInEvent(e.args)),
    ),
  ]);
  const now = new Date();
  const href = (p: number, k: ActivityKind | null = kind) => activityHref(p, k);
  return (
    <>
      <h1>Activity</h1>
      {lost.length > 0 && (
        <section
          className="lost-transactions"
          role="alert"
          aria-labelledby="lost-heading"
          data-testid="lost-transactions"
        >
          <h2 id="lost-heading">Lost transactions</h2>
          <p>
            These transactions were confirmed, then lost when the chain restarted or reorganised (a local chain keeps
            only what it saved before it was stopped). Nothing they did is in effect: if you made one, do it again.
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
        <Link href="/activity" aria-current={kind === null ? 'page' : undefined}>
          All
        </Link>{' '}
        {(Object.keys(ACTIVITY_KINDS) as ActivityKind[]).map((k) => (
          <Link key={k} href={href(1, k)} aria-current={kind === k ? 'page' : undefined}>
            {k[0]!.toUpperCase() + k.slice(1)}{' '}
          </Link>
        ))}
      </nav>
      {events.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="activity" data-testid="activity">
          {events.map((e) => (
            <li key={`${e.txHash}-${e.logIndex}`}>
              {(() => {
                // the person the sentence names first, by their avatar
                const actor = actorOfEvent(e.name, e.args);
                return actor ? <AccountAvatar address={actor} src={people.avatars.get(actor)} /> : null;
              })()}{' '}
              {e.tokenId && (
                <>
                  <Link href={`/tracks/${e.tokenId}`}>{e.trackTitle ?? `Track ${shortHex(e.tokenId)}`}</Link>:{' '}
                </>
              )}
              {describeEvent(e.name, e.args, currency, { names: people.names, tokens })}{' '}
              <span className="muted">
                {(() => {
                  const at = times.get(e.blockNumber);
                  return at ? (
                    <time dateTime={at.toISOString()} title={exactTime(at)}>
                      {relativeTime(at, now)}
                    </time>
                  ) : (
                    `block ${e.blockNumber}`
                  );
                })()}
              </span>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages">
        {page > 1 && (
          <Link href={href(page - 1)} rel="prev">
            Newer
          </Link>
        )}{' '}
        {more && (
          <Link href={href(page + 1)} rel="next">
            Older
          </Link>
        )}
      </nav>
    </>
  );
}
