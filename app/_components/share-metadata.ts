import 'server-only';
import type { Metadata } from 'next';
import { publicOrigins } from '../../lib/config/env';
import { getServices } from '../../lib/platform/services';
import { coverUrl } from '../../lib/tracks/media-urls';

export type ShareCard = {
  title: string;
  /** The creator, by profile name or short address. */
  creator: string;
  /** The page's path (e.g. /tracks/123, /c/AbC…). */
  path: string;
  /** The pinned folder's CID: its cover (uploaded, else cover.svg) is the card's image. */
  contentCid: string | null;
  /** A 1200 x 630 PNG card to show instead of the cover (the track page's /tracks/<id>/share.png). */
  card?: string;
};

/**
 * Open Graph and Twitter card metadata for a page that shows one track (the track page, a voucher's collect page):
 * title, creator and the cover, as absolute URLs on the public origin (MOTIF_PUBLIC_URL, else the local server).
 */
export async function shareMetadata(card: ShareCard): Promise<Metadata> {
  const origin = publicOrigins((await getServices()).env)[0] ?? 'http://localhost:3000';
  const url = new URL(card.path, origin).toString();
  const description = `${card.title} by ${card.creator}, on Motif.`;
  const images = card.card
    ? [
        {
          url: new URL(card.card, origin).toString(),
          width: 1200,
          height: 630,
          alt: `${card.title} by ${card.creator}`,
        },
      ]
    : card.contentCid
      ? [
          {
            url: new URL(coverUrl(card.contentCid), origin).toString(),
            width: 480,
            height: 240,
            alt: `Cover of ${card.title}`,
          },
        ]
      : [];
  return {
    title: `${card.title} by ${card.creator}`,
    description,
    alternates: { canonical: url },
    openGraph: { type: 'music.song', siteName: 'Motif', title: card.title, description, url, images },
    twitter: {
      card: images.length > 0 ? 'summary_large_image' : 'summary',
      title: card.title,
      description,
      images: images.map((i) => i.url),
    },
  };
}
