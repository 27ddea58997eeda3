import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Not found' };

/** Any page that does not exist (and `notFound()` from a page, e.g. a track id never minted): a real 404. */
export default function NotFound() {
  return (
    <section className="not-found" aria-labelledby="not-found-heading">
      <p className="not-found-code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-heading">This page does not exist</h1>
      <p>The link may be mistyped, or the track it points to was never minted on this chain.</p>
      <p className="not-found-links">
        <Link className="button" href="/">
          Go to the home page
        </Link>{' '}
        <Link className="button button-secondary" href="/gallery">
          Browse the gallery
        </Link>
      </p>
    </section>
  );
}
