/**
 * A profile's uploaded avatar (issue #16): checked like a track's uploaded cover (PNG, JPEG or WebP by its magic
 * bytes, never its name or declared type; at most AVATAR_MAX_BYTES), pinned as a one-file folder
 * (`avatar.png|jpg|webp`) and recorded against the address; pages show it from `/media/<folder>/avatar`.
 */
import { getAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import type { IpfsStorage } from '../ipfs/storage';
import { TRACK_LIMITS } from '../provenance/track-limits';
import { HttpError, PayloadTooLargeError } from '../tracks/limits';
import { sniffCover } from '../tracks/sniff-media';

/** The same limit as a track's uploaded cover (2 MiB). */
export const AVATAR_MAX_BYTES = TRACK_LIMITS.cover;

/** The file name inside an avatar's folder, by media type. */
const AVATAR_FILES = { 'image/png': 'avatar.png', 'image/jpeg': 'avatar.jpg', 'image/webp': 'avatar.webp' };
const AVATAR_FILE_NAMES: readonly string[] = Object.values(AVATAR_FILES);

/** Which entry of a pinned folder is its avatar, if any. */
export const avatarFileIn = (names: readonly string[]): string | undefined =>
  names.find((n) => AVATAR_FILE_NAMES.includes(n));

const avatarUrl = (folderCid: string) => `/media/${folderCid}/avatar`;

/** 400: nothing was sent. */
class EmptyAvatarError extends HttpError {
  override name = 'EmptyAvatarError';
  constructor() {
    super(400, 'avatar is empty: send the image file as the request body');
  }
}

/**
 * Checks `bytes` (413 over the limit, 415 when not PNG/JPEG/WebP by content), pins them and records the folder as
 * `address`'s avatar (the caller has checked the session is that address). Returns the avatar's URL.
 */
export async function uploadAvatar(
  deps: { prisma: Pick<PrismaClient, 'profileAvatar'>; storage: Pick<IpfsStorage, 'addFolder'> },
  address: Address,
  bytes: Uint8Array,
): Promise<{ folderCid: string; url: string }> {
  if (bytes.byteLength === 0) throw new EmptyAvatarError();
  if (bytes.byteLength > AVATAR_MAX_BYTES) throw new PayloadTooLargeError('avatar', bytes.byteLength, AVATAR_MAX_BYTES);
  const mediaType = sniffCover(bytes, 'avatar');
  const folder = await deps.storage.addFolder([{ path: AVATAR_FILES[mediaType], content: bytes }]);
  const folderCid = folder.cid.toString();
  await deps.prisma.profileAvatar.upsert({ where: { address }, create: { address, folderCid }, update: { folderCid } });
  return { folderCid, url: avatarUrl(folderCid) };
}

/**
 * The uploaded avatars of many accounts in one query (pages that show people: track page, activity, gallery, labels):
 * checksummed address -> avatar URL, for the accounts that uploaded one (the others keep the generated avatar).
 */
export async function avatarUrlsOf(
  prisma: Pick<PrismaClient, 'profileAvatar'>,
  addresses: readonly Address[],
): Promise<ReadonlyMap<Address, string>> {
  if (addresses.length === 0) return new Map();
  const rows = await prisma.profileAvatar.findMany({ where: { address: { in: [...addresses] } } });
  return new Map(rows.map((r) => [getAddress(r.address), avatarUrl(r.folderCid)]));
}

/** `address`'s avatar URL, or null for the generated one. */
export async function avatarUrlOf(
  prisma: Pick<PrismaClient, 'profileAvatar'>,
  address: Address,
): Promise<string | null> {
  const row = await prisma.profileAvatar.findUnique({ where: { address } });
  return row ? avatarUrl(row.folderCid) : null;
}
