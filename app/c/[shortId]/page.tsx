import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { shortHex } from '../../../lib/format/short-hex';
import { getServices } from '../../../lib/platform/services';
import { VoucherError } from '../../../lib/vouchers/errors';
import { readVoucher, type CollectView } from '../../../lib/vouchers/read-voucher';
import { currencyOf, formatAmount } from '../../../lib/format/amount';
import { serverCurrency, serverTokenCurrencies } from '../../_components/server-currency';
import { ShareButton } from '../../_components/share-button';
import { shareMetadata } from '../../_components/share-metadata';
import { CollectVoucher } from './collect-voucher';
import { coverUrl, streamUrl } from '../../../lib/tracks/media-urls';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ shortId: string }> };

/** The stored voucher, or the 404 page. */
async function load(shortId: string): Promise<CollectView> {
  const { prisma, chainId } = await getServices();
  try {
    return await readVoucher(prisma, chainId, shortId);
  } catch (error) {
    if (error instanceof VoucherError && error.reason === 'not-found') notFound();
    throw error;
  }
}

const titleOf = (v: CollectView) => v.title ?? 'An unreleased track';
const creatorOf = (v: CollectView) => v.creatorName ?? shortHex(v.creator);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { shortId } = await params;
  const { prisma, chainId } = await getServices();
  const view = await readVoucher(prisma, chainId, shortId).catch(() => null);
  if (!view) return { title: 'Not found' };
  return shareMetadata({
    title: titleOf(view),
    creator: creatorOf(view),
    path: `/c/${view.shortId}`,
    contentCid: view.contentCid,
  });
}

/** A creator's lazy-mint voucher behind its short link: the track, its price and the Collect button. */
export default async function CollectPage({ params }: Props) {
  const { shortId } = await params;
  const view = await load(shortId);
  const currency = currencyOf(view.currency, await serverCurrency(), await serverTokenCurrencies());
  const title = titleOf(view);
  return (
    <article className="track-page collect-page" data-token-id={view.tokenId}>
      <h1>{title}</h1>
      <p className="muted">
        by{' '}
        <Link href={`/profiles/${view.creator}`} title={view.creator}>
          {creatorOf(view)}
        </Link>{' '}
        · collectable: the first collector mints it
      </p>
      <section aria-labelledby="player-heading" className="player">
        <h2 id="player-heading">Listen</h2>
        {/* eslint-disable-next-line @next/next/no-img-element -- the cover from our own gateway, already sized */}
        <img src={coverUrl(view.contentCid)} alt={`Cover of ${title}`} width={480} height={240} />
        <audio controls preload="metadata" src={streamUrl(view.contentCid)} aria-label={`Play ${title}`} />
      </section>
      <section aria-labelledby="collect-heading">
        <h2 id="collect-heading">Collect</h2>
        <p>
          Price <strong data-testid="voucher-price">{formatAmount(view.priceWei, currency)}</strong>
          {view.state === 'open' && (
            <span className="muted"> · until {new Date(Number(view.deadline) * 1000).toUTCString()}</span>
          )}
        </p>
        <CollectVoucher tokenId={view.tokenId} signedJson={view.signedJson} state={view.state} />
      </section>
      <ShareButton title={`${title} by ${creatorOf(view)}`} />
    </article>
  );
}
