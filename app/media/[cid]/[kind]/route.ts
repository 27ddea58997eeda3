import { CID } from 'multiformats/cid';
import { gatewayResponse } from '../../../../lib/ipfs/gateway';
import { getServices } from '../../../../lib/platform/services';
import { readFolderMedia } from '../../../../lib/tracks/folder-media';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { params: Promise<{ cid: string; kind: string }> };

/**
 * `/media/<folder>/stream`: the streaming copy (stream.mp3) when the track's metadata names one, else audio.wav;
 * `/media/<folder>/cover`: the uploaded cover when there is one, else cover.svg. Served as the gateway serves
 * `/ipfs/<folder>/<file>` (ranges, ETag, immutable caching).
 */
async function handle(request: Request, { params }: Params): Promise<Response> {
  const { cid: cidText, kind } = await params;
  if (kind !== 'stream' && kind !== 'cover') return new Response('Not found: ask for stream or cover', { status: 404 });
  const { storage } = await getServices();
  let cid: CID;
  try {
    cid = CID.parse(cidText);
  } catch {
    return gatewayResponse(storage, request, cidText, []); // the gateway's own 400 for a bad CID
  }
  const media = await readFolderMedia(storage, cid, request.signal).catch(() => null);
  if (!media) return gatewayResponse(storage, request, cidText, [kind === 'stream' ? 'audio.wav' : 'cover.svg']);
  return gatewayResponse(storage, request, cidText, [media[kind]]);
}

export const GET = handle;
export const HEAD = handle;
