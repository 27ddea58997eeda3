import Link from 'next/link';
import { parseGalleryQuery } from '../lib/gallery/gallery-query';
import { listTracks } from '../lib/gallery/list-tracks';
import { getServices } from '../lib/platform/services';
import { serverCurrency, serverTokenCurrencies } from './_components/server-currency';
import { TrackGrid } from './_components/track-card';

export const dynamic = 'force-dynamic';

const FEATURED = 4;
const RECENT = 6;

/** The three people Motif is for, each with the page they start on. */
const AUDIENCES = [
  {
    who: 'Creators',
    what: 'Compose with a model in your browser, edit every note, and mint with a royalty split your collaborators share.',
    href: '/studio',
    action: 'Compose a track',
  },
  {
    who: 'Collectors',
    what: 'Listen to every track before you buy, see how it was made, and collect it straight from its creator.',
    href: '/gallery',
    action: 'Browse the gallery',
  },
  {
    who: 'Labels',
    what: 'Gather a catalogue, split earnings with your members, and keep an audit of every change.',
    href: '/labels',
    action: 'Run a label',
  },
] as const;

/**
 * The home page: what Motif is, a way in for each of its three users, and music that plays right here (tracks for
 * sale, then the newest), read from the indexer as the gallery reads it. Server-rendered; the play buttons start the
 * site's player bar (root layout), which keeps playing while the listener moves on. The status lives at /status.
 */
export default async function HomePage() {
  const currency = await serverCurrency();
  const tokens = await serverTokenCurrencies();
  const { prisma, chainId } = await getServices();
  const [featured, recent] = await Promise.all([
    listTracks(
      prisma,
      chainId,
      parseGalleryQuery(new URLSearchParams({ forSale: 'true', pageSize: String(FEATURED) }), currency),
    ),
    listTracks(prisma, chainId, parseGalleryQuery(new URLSearchParams({ pageSize: String(RECENT) }), currency)),
  ]);
  const featuredIds = new Set(featured.items.map((t) => t.tokenId));
  const newest = recent.items.filter((t) => !featuredIds.has(t.tokenId));

  return (
    <div className="home">
      <section className="hero" aria-labelledby="pitch-heading">
        <h1 id="pitch-heading">Make music with a model. Prove how it was made. Own it.</h1>
        <p className="lead">
          Motif is a music studio and marketplace in one. Compose a track with a machine-learning model that runs in
          your browser, shape it by hand, and publish it with a signed record of exactly what the model did and what you
          did. Every track is stored on IPFS, minted with fair royalty splits, and anyone can replay and verify it.
        </p>
        <p>
          <Link className="button button-large" href="/studio">
            Start composing
          </Link>{' '}
          <Link href="/verify">How verification works</Link>
        </p>
      </section>

      <section aria-labelledby="audiences-heading">
        <h2 id="audiences-heading" className="visually-hidden">
          Where to start
        </h2>
        <ul className="audiences">
          {AUDIENCES.map((a) => (
            <li key={a.href} className="audience">
              <h3>For {a.who.toLowerCase()}</h3>
              <p>{a.what}</p>
              <Link className="button" href={a.href} data-audience={a.who.toLowerCase()}>
                {a.action}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {recent.total === 0 ? (
        <section aria-labelledby="empty-heading" className="empty-catalogue">
          <h2 id="empty-heading">No tracks yet</h2>
          <p>
            Nothing has been published on this node so far. Make the first track: pick a model in the studio, compose a
            few bars, and publish it. It will play here as soon as it is minted.
          </p>
          <p>
            <Link className="button" href="/studio">
              Compose the first track
            </Link>
          </p>
        </section>
      ) : (
        <>
          {featured.items.length > 0 && (
            <section aria-labelledby="featured-heading">
              <h2 id="featured-heading">For sale now</h2>
              <TrackGrid tracks={featured.items} currency={currency} tokens={tokens} heading="h3" />
              <p>
                <Link href="/gallery?forSale=true">Everything for sale</Link>
              </p>
            </section>
          )}
          {newest.length > 0 && (
            <section aria-labelledby="recent-heading">
              <h2 id="recent-heading">Just published</h2>
              <TrackGrid tracks={newest} currency={currency} tokens={tokens} heading="h3" />
              <p>
                <Link href="/gallery">All {recent.total} tracks in the gallery</Link>
              </p>
            </section>
          )}
        </>
      )}
    </div>
  );
}
