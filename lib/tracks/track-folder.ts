/**
 * The track folder (audio.wav, track.mid, cover.svg, manifest.json, metadata.json): checks the uploads, draws the
 * cover, builds the metadata and pins the folder through any IpfsStorage, accepting the pin only when every CID equals
 * the independently derived one. Track domain above both the storage (lib/ipfs: blocks, CIDs, UnixFS, gateways) and
 * provenance (manifests, C2PA); nothing below imports it.
 */
import type { CID } from 'multiformats/cid';
import { coverSvgBytes } from '../generation/export/cover';
import { midiBarSteps, notesFromMidi } from '../generation/export/midi';
import { cidOfBytes, cidOfFolder } from '../ipfs/cid-of-files';
import { PermanentError, withRetry, type RetryOptions } from '../ipfs/retry';
import type { FolderFile, IpfsStorage } from '../ipfs/storage';
import { UNIXFS_SETTINGS, type UnixfsSettings } from '../ipfs/unixfs-settings';
import { sha256Hex } from '../provenance/digest';
import { TRACK_FILES } from '../provenance/manifest-schema';
import { buildTrackMetadata, type TrackMetadata, type TrackMetadataInput } from '../provenance/metadata';
import { trackFacts } from '../provenance/track-facts';
import type { SignedManifest } from '../provenance/signed-manifest';
import type { C2paCredentials } from '../provenance/c2pa/credentials';
import { C2paEmbedRefusedError, embedC2pa } from '../provenance/c2pa/embed';
import { HttpError, checkSize } from './limits';
import { sniffMidi, sniffWav } from './sniff';
import { COVER_TYPES, STREAM_FILE } from '../provenance/optional-files';
import { sniffCover, sniffMp3 } from './sniff-media';

/** 422: the uploaded bytes are not the ones the signed manifest describes. */
export class ManifestMismatchError extends HttpError {
  override name = 'ManifestMismatchError';
  constructor(message: string) {
    super(422, message);
  }
}

/** The backend answered with a CID other than the independently derived one: nothing is reported as pinned. */
export class CidMismatchError extends PermanentError {
  override name = 'CidMismatchError';
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: string | undefined,
  ) {
    super(
      `${path || 'folder'}: the backend reported ${actual ?? 'nothing'}, the independent derivation gives ${expected}`,
    );
  }
}

export type TrackFolder = {
  /** In folder order: audio.wav, track.mid, cover.svg, [cover.png|jpg|webp], [stream.mp3], manifest.json, metadata.json. */
  files: FolderFile[];
  metadata: TrackMetadata;
  /** Derived from the UnixFS specification (lib/ipfs/cid-of-files.ts, lib/ipfs/unixfs-dag.ts), before any backend sees the bytes. */
  expected: { cid: CID; files: Record<string, CID> };
};

export type BuildTrackFolderParameters = {
  wav: Uint8Array;
  midi: Uint8Array;
  signed: SignedManifest;
  metadata: TrackMetadataInput;
  /** Origin of the web app for metadata's default `external_url` (default: the local app, http://localhost:3000). */
  siteOrigin?: string;
  /**
   * Signs a C2PA manifest and embeds it in audio.wav (docs/provenance/c2pa.md): the pin route always does. Absent:
   * audio.wav is the uploaded WAV itself (its own essence), as for tracks pinned before C2PA.
   */
  c2pa?: C2paCredentials;
  /** The streaming copy of the WAV (MP3, lib/tracks/stream-mp3.ts): pinned as stream.mp3, named in metadata.json. */
  stream?: Uint8Array;
  /** A cover the creator uploaded (PNG, JPEG or WebP): pinned beside cover.svg, metadata's `image`. */
  cover?: Uint8Array;
};

export const DEFAULT_SITE_ORIGIN = 'http://localhost:3000';

/**
 * Checks the uploads (size limits -> 413, content sniffing -> 415, bytes equal to the manifest's digests and CIDs ->
 * 422), draws the cover from the MIDI notes and lays out the folder; derives every CID independently.
 */
export async function buildTrackFolder(params: BuildTrackFolderParameters): Promise<TrackFolder> {
  const { wav, midi, signed } = params;
  checkSize('wav', wav.byteLength);
  checkSize('midi', midi.byteLength);
  sniffWav(wav);
  sniffMidi(midi);
  const extras = await optionalFiles(params);
  const m = signed.manifest;
  for (const [part, bytes, record] of [
    ['wav', wav, m.files.audio],
    ['midi', midi, m.files.midi],
  ] as const) {
    if (bytes.byteLength !== record.size)
      throw new ManifestMismatchError(`${part} is ${bytes.byteLength} bytes; the manifest says ${record.size}`);
    const digest = sha256Hex(bytes);
    if (digest !== record.sha256)
      throw new ManifestMismatchError(`${part} has sha256 ${digest}; the manifest says ${record.sha256}`);
    const cid = (await cidOfBytes(bytes)).toString();
    if (cid !== record.cid) throw new ManifestMismatchError(`${part} has CID ${cid}; the manifest says ${record.cid}`);
  }
  const cover = coverSvgBytes(notesFromMidi(midi), { title: params.metadata.name, barSteps: midiBarSteps(midi) });
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(signed, null, 2)}\n`);
  checkSize('manifest', manifestBytes.byteLength);
  const [coverCid, manifestCid] = await Promise.all([cidOfBytes(cover), cidOfBytes(manifestBytes)]);
  // The manifest records the WAV as uploaded (the essence); the folder holds it with the C2PA manifest embedded.
  let audio = wav;
  if (params.c2pa) {
    try {
      audio = await embedC2pa({
        essence: wav,
        subject: signed,
        manifestCid: manifestCid.toString(),
        credentials: params.c2pa,
      });
    } catch (error) {
      if (error instanceof C2paEmbedRefusedError) throw new ManifestMismatchError(error.message);
      throw error;
    }
    checkSize('wav', audio.byteLength);
  }
  const audioCid = audio === wav ? m.files.audio.cid : (await cidOfBytes(audio)).toString();
  const metadata = buildTrackMetadata({
    input: params.metadata,
    manifest: m,
    manifestDigest: signed.manifestDigest,
    facts: trackFacts(m, { wav, midi }),
    cids: { cover: coverCid.toString(), manifest: manifestCid.toString(), audio: audioCid },
    siteOrigin: params.siteOrigin ?? DEFAULT_SITE_ORIGIN,
    stream: extras.stream?.record,
    uploadedCover: extras.cover?.record,
  });
  const metadataBytes = new TextEncoder().encode(`${JSON.stringify(metadata, null, 2)}\n`);
  checkSize('metadata', metadataBytes.byteLength);
  const files: FolderFile[] = [
    { path: TRACK_FILES.audio, content: audio },
    { path: TRACK_FILES.midi, content: midi },
    { path: TRACK_FILES.cover, content: cover },
    ...(extras.cover ? [extras.cover.file] : []),
    ...(extras.stream ? [extras.stream.file] : []),
    { path: TRACK_FILES.manifest, content: manifestBytes },
    { path: TRACK_FILES.metadata, content: metadataBytes },
  ];
  return { files, metadata, expected: await expectedCids(files) };
}

/** Checks the optional uploads (size -> 413, content -> 415) and derives what metadata.json records of them. */
async function optionalFiles(params: Pick<BuildTrackFolderParameters, 'stream' | 'cover'>) {
  let stream;
  if (params.stream) {
    checkSize('stream', params.stream.byteLength);
    const info = sniffMp3(params.stream);
    const cid = (await cidOfBytes(params.stream)).toString();
    const record = { cid, size: params.stream.byteLength, sha256: sha256Hex(params.stream), kbps: info.kbps };
    stream = { file: { path: STREAM_FILE, content: params.stream }, record };
  }
  let cover;
  if (params.cover) {
    checkSize('cover', params.cover.byteLength);
    const mediaType = sniffCover(params.cover);
    const record = { cid: (await cidOfBytes(params.cover)).toString(), mediaType };
    cover = { file: { path: COVER_TYPES[mediaType], content: params.cover }, record };
  }
  return { stream, cover };
}

/** Root and per-file CIDs of `files` from the independent implementation. */
export async function expectedCids(files: readonly FolderFile[]): Promise<TrackFolder['expected']> {
  const entries = await Promise.all(files.map(async (f) => [f.path, await cidOfBytes(f.content)] as const));
  return { cid: await cidOfFolder(files), files: Object.fromEntries(entries) };
}

export type PinnedTrack = {
  cid: string;
  files: Record<string, { cid: string; size: number }>;
  settings: UnixfsSettings;
  backend: IpfsStorage['backend'];
};

export type PinFolderOptions = { signal?: AbortSignal; retry?: Omit<RetryOptions, 'signal'> };

/**
 * Adds and pins the folder through `storage` (retrying a failing backend with back-off), then accepts the result only
 * if the root and every file CID equal the independently derived ones and the backend confirms the root is pinned.
 * Resolves only then; any failure rejects, so a caller that records the pin after this resolves never records a
 * half-done or unverified pin.
 */
export async function pinFolderVerified(
  storage: IpfsStorage,
  files: readonly FolderFile[],
  expected: TrackFolder['expected'],
  options: PinFolderOptions = {},
): Promise<PinnedTrack> {
  const pinned = await withRetry(() => storage.addFolder(files, { signal: options.signal }), {
    ...options.retry,
    signal: options.signal,
  });
  if (!pinned.cid.equals(expected.cid)) throw new CidMismatchError('', String(expected.cid), String(pinned.cid));
  const out: PinnedTrack['files'] = {};
  for (const f of files) {
    const want = expected.files[f.path];
    const got = pinned.files[f.path];
    if (!want || !got || !got.cid.equals(want))
      throw new CidMismatchError(f.path, String(want ?? '(none)'), got ? String(got.cid) : undefined);
    out[f.path] = { cid: got.cid.toString(), size: f.content.byteLength };
  }
  const settings = pinned.settings;
  if (JSON.stringify(settings) !== JSON.stringify(UNIXFS_SETTINGS))
    throw new CidMismatchError('', 'UNIXFS_SETTINGS', JSON.stringify(settings));
  const confirmed = await withRetry(() => storage.isPinned(expected.cid), { ...options.retry, signal: options.signal });
  if (!confirmed) throw new CidMismatchError('', expected.cid.toString(), 'added but not pinned');
  return { cid: expected.cid.toString(), files: out, settings, backend: storage.backend };
}

/** `buildTrackFolder` then `pinFolderVerified`. */
export async function pinTrack(
  storage: IpfsStorage,
  params: BuildTrackFolderParameters,
  options: PinFolderOptions = {},
): Promise<PinnedTrack & { metadata: TrackMetadata }> {
  const folder = await buildTrackFolder(params);
  const pinned = await pinFolderVerified(storage, folder.files, folder.expected, options);
  return { ...pinned, metadata: folder.metadata };
}
