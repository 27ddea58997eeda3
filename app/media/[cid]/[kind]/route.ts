import { CID } from 'multiformats/cid';
import { gatewayResponse } from '../../../../lib/ipfs/gateway';
import { getServices } from '../../../../lib/platform/services';
import { readFolderMedia } from '../../../../lib/tracks/folder-media';
import { avatarFileIn } from '../../../../lib/profiles/avatar-upload';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { params: Promise<{ cid: string; kind: string }> };

/**
 * `/media/<folder>/stream`: the streaming copy (stream.mp3) when the track's metadata names one, else audio.wav;
 * `/media/<folder>/cover`: the uploaded cover when there is one, else cover.svg. Served as the gateway serves
 * `/ipfs/<folder>/<file>` (ranges, ETag, immutable caching). `/media/<folder>/avatar`: a profile's uploaded avatar
 * (lib/profiles/avatar-upload.ts), the folder's one `avatar.png|jpg|webp`.
 */
async function handle(request: Request, { params }: Params): Promise<Response> {
  const { cid: cidText, kind } = await params;
  if (kind !== 'stream' && kind !== 'cover' && kind !== 'avatar')
    return new Response('Not found: ask for stream, cover or avatar', { status: 404 });
  const { storage } = await getServices();
  let cid: CID;
  try {
    cid = CID.parse(cidText);
  } catch {
    return gatewayResponse(storage, request, cidText, []); // the gateway's own 400 for a bad CID
  }
  if (kind === 'avatar') {
    const entry = await storage.stat(cid, { signal: request.signal }).catch(() => null);
    const file = entry?.type === 'directory' ? avatarFileIn(entry.entries.map((e) => e.name)) : undefined;
    return file
      ? gatewayResponse(storage, request, cidText, [file])
      : new Response('Not found: no avatar in this folder', { status: 404 });
  }
  const media = await readFolderMedia(storage, cid, request.signal).catch(() => null);
  if (!media) return gatewayResponse(storage, request, cidText, [kind === 'stream' ? 'audio.wav' : 'cover.svg']);
  return gatewayResponse(storage, request, cidText, [media[kind]]);
}

export const GET = handle;
export const HEAD = handle;
