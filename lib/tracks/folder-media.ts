/**
 * Which file of a pinned track folder a player streams and a page shows as the cover: the streaming copy and the
 * uploaded cover when metadata.json names them (`motif.stream.uri`, `image`) and the folder holds them, else
 * audio.wav and cover.svg (tracks pinned before either existed). Folders are immutable, so answers are memoised by CID.
 */
import type { CID } from 'multiformats/cid';
import { readAll, type IpfsStorage } from '../ipfs/storage';
import { TRACK_FILES } from '../provenance/manifest-schema';
import { STREAM_FILE, UPLOADED_COVER_FILES } from '../provenance/optional-files';
import { TRACK_LIMITS } from '../provenance/track-limits';

export type FolderMedia = { stream: string; cover: string };
export const DEFAULT_FOLDER_MEDIA: FolderMedia = { stream: TRACK_FILES.audio, cover: TRACK_FILES.cover };

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The media files of a folder from its entries and its parsed metadata.json (pure). */
export function mediaOfFolder(entries: readonly { name: string; cid: CID }[], metadata: unknown): FolderMedia {
  const m = record(metadata);
  const linked = (uri: unknown, names: readonly string[]) =>
    entries.find((e) => names.includes(e.name) && uri === `ipfs://${e.cid.toString()}`)?.name;
  return {
    stream: linked(record(record(m?.motif)?.stream)?.uri, [STREAM_FILE]) ?? DEFAULT_FOLDER_MEDIA.stream,
    cover: linked(m?.image, UPLOADED_COVER_FILES) ?? DEFAULT_FOLDER_MEDIA.cover,
  };
}

const memo = new Map<string, FolderMedia>();
const MEMO_SIZE = 2000;

/** Reads the folder's entries and metadata.json; a folder without readable metadata gets the defaults. */
export async function readFolderMedia(
  storage: Pick<IpfsStorage, 'stat' | 'cat'>,
  cid: CID,
  signal?: AbortSignal,
): Promise<FolderMedia> {
  const key = cid.toString();
  const known = memo.get(key);
  if (known) return known;
  const root = await storage.stat(cid, { signal });
  if (root.type !== 'directory') return DEFAULT_FOLDER_MEDIA;
  const entry = root.entries.find((e) => e.name === TRACK_FILES.metadata);
  let metadata: unknown = null;
  if (entry) {
    const stat = await storage.stat(entry.cid, { signal });
    if (stat.type === 'file' && stat.size <= TRACK_LIMITS.metadata * 4) {
      try {
        metadata = JSON.parse(new TextDecoder().decode(await readAll(storage.cat(entry.cid, { signal }))));
      } catch {
        metadata = null; // not JSON: the defaults
      }
    }
  }
  const media = mediaOfFolder(root.entries, metadata);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value ?? '');
  memo.set(key, media);
  return media;
}
