import { getAddress } from 'viem';
import { shortHex } from '../../../../lib/format/short-hex';
import { getServices } from '../../../../lib/platform/services';
import { displayNamesOf } from '../../../../lib/profiles/display-names';
import { shareCardResponse } from '../../../../lib/tracks/share-card';
import { tokenIdFromParam, TrackNotFoundError } from '../../../../lib/tracks/track-page';
import { loadTrack } from '../load-track';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { params: Promise<{ tokenId: string }> };

/**
 * `/tracks/<id>/share.png`: the track's 1200 x 630 share card (lib/tracks/share-card.ts), which the track page's
 * og:image and twitter:image name. 404 for a track that is not minted or has no title.
 */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  const notFound = () => new Response('Not found: no minted track with a title here', { status: 404 });
  let view;
  try {
    view = await loadTrack(tokenIdFromParam((await params).tokenId));
  } catch (error) {
    if (error instanceof TrackNotFoundError) return notFound();
    throw error;
  }
  const track = view.track;
  if (!track?.title) return notFound();
  const creator = getAddress(track.creator);
  const names = await displayNamesOf((await getServices()).prisma, [creator]);
  // A title or a name can change (a profile edit): cached briefly, not as immutable.
  return shareCardResponse(
    { title: track.title, creator: names.get(creator) ?? shortHex(creator) },
    { 'cache-control': 'public, max-age=300' },
  );
}
