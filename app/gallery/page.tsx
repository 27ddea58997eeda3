import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import {
  GALLERY_SORTS,
  GalleryQueryError,
  parseGalleryQuery,
  type GalleryQuery,
} from '../../lib/gallery/gallery-query';
import { listTracks } from '../../lib/gallery/list-tracks';
import { listOpenVouchers } from '../../lib/gallery/list-vouchers';
import { getServices } from '../../lib/platform/services';
import { amountLabel } from '../../lib/format/amount';
import { TrackGrid } from '../_components/track-card';
import { serverCurrency, serverTokenCurrencies } from '../_components/server-currency';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Gallery' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const SORT_LABELS: Record<(typeof GALLERY_SORTS)[number], string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  'price-asc': 'Price, low to high',
  'price-desc': 'Price, high to low',
  title: 'Title',
};

function pageHref(params: Record<string, string | string[] | undefined>, page: number): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' && v !== '' && k !== 'page') next.set(k, v);
  next.set('page', String(page));
  return `/gallery?${next.toString()}`;
}

export default async function GalleryPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const currency = await serverCurrency();
  const tokens = await serverTokenCurrencies();
  let query: GalleryQuery | null = null;
  let problems: { field: string; message: string }[] = [];
  try {
    query = parseGalleryQuery(params, currency);
  } catch (error) {
    if (!(error instanceof GalleryQueryError)) throw error;
    problems = error.problems;
  }
  const { prisma, chainId } = await getServices();
  const [page, collectables] = await Promise.all([
    query ? listTracks(prisma, chainId, query) : null,
    // open vouchers (not minted yet): on the first page, beside the tracks
    query && query.page === 1 ? listOpenVouchers(prisma, chainId) : [],
  ]);
  const value = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : '');

  return (
    <>
      <h1>Gallery</h1>
      <p>
        1/1 tracks below · editions (numbered copies): <Link href="/editions">all</Link> ·{' '}
        <Link href="/editions?now=1">collectable now</Link>
      </p>
      {/* next/form: a GET form the router follows without a full reload (and a plain form without JavaScript). */}
      <Form action="/gallery" className="filters" aria-label="Search and filter tracks">
        <label>
          Search <input name="q" type="search" defaultValue={value('q')} placeholder="Title or creator address" />
        </label>
        <label>
          Genre <input name="genre" defaultValue={value('genre')} />
        </label>
        <label>
          Key <input name="key" defaultValue={value('key')} placeholder="e.g. A minor" />
        </label>
        <label>
          Model <input name="model" defaultValue={value('model')} />
        </label>
        <label>
          Tempo from <input name="bpmMin" type="number" min={1} max={400} defaultValue={value('bpmMin')} />
        </label>
        <label>
          Tempo to <input name="bpmMax" type="number" min={1} max={400} defaultValue={value('bpmMax')} />
        </label>
        <label>
          {amountLabel('Price from', currency)}{' '}
          <input name="priceMin" inputMode="decimal" defaultValue={value('priceMin')} />
        </label>
        <label>
          {amountLabel('Price to', currency)}{' '}
          <input name="priceMax" inputMode="decimal" defaultValue={value('priceMax')} />
        </label>
        {tokens.length > 0 && (
          <p className="muted">
            Price range and price sorts compare {currency.symbol} prices; tracks priced in{' '}
            {tokens.map((t) => t.symbol).join(', ')} are left out of a range and sorted last.
          </p>
        )}
        <label>
          <input name="forSale" type="checkbox" value="true" defaultChecked={value('forSale') === 'true'} /> For sale
          only
        </label>
        <label>
          Sort
          <select name="sort" defaultValue={value('sort') || 'newest'}>
            {GALLERY_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Apply</button>
      </Form>
      {problems.length > 0 && (
        <div role="alert">
          <p>Some filters are not valid:</p>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>
                {p.field}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {collectables.length > 0 && (
        <section aria-labelledby="collectable-heading" data-testid="collectables">
          <h2 id="collectable-heading">Collectable now</h2>
          <p className="muted">Signed by their creators, not minted yet: the first collector mints each one.</p>
          <TrackGrid tracks={collectables} currency={currency} heading="h3" collectAt={(v) => `/c/${v.shortId}`} />
        </section>
      )}
      {page && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="muted" role="status">
            {page.total === 0
              ? 'No tracks match.'
              : `${page.total} track${page.total === 1 ? '' : 's'}, page ${page.page} of ${page.pages}`}
          </h2>
          <TrackGrid tracks={page.items} currency={currency} tokens={tokens} />
          <nav aria-label="Pages" className="pager">
            {page.page > 1 && (
              <Link href={pageHref(params, page.page - 1)} rel="prev">
                Previous page
              </Link>
            )}
            {page.page < page.pages && (
              <Link href={pageHref(params, page.page + 1)} rel="next">
                Next page
              </Link>
            )}
          </nav>
        </section>
      )}
    </>
  );
}
