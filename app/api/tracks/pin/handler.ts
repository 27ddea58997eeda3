import type { Address } from 'viem';
import { z } from 'zod';
import { badTextReason } from '../../../../lib/http/text-input';
import { PayloadTooLargeError, checkSize } from '../../../../lib/tracks/limits';
import { TRACK_LIMITS, type TrackPart } from '../../../../lib/provenance/track-limits';
import type { RetryOptions } from '../../../../lib/ipfs/retry';
import { sniffMidi, sniffWav, UnsupportedMediaTypeError } from '../../../../lib/tracks/sniff';
import type { IpfsStorage } from '../../../../lib/ipfs/storage';
import { buildTrackFolder, pinFolderVerified } from '../../../../lib/tracks/track-folder';
import { trackIdOf } from '../../../../lib/contracts/track-id';
import type { C2paCredentials } from '../../../../lib/provenance/c2pa/credentials';
import { contentDigestOfCid } from '../../../../lib/provenance/digest';
import { InvalidManifestError } from '../../../../lib/provenance/errors';
import { creditSchema, isrcSchema } from '../../../../lib/provenance/metadata';
import { parseSignedManifest, verifyManifestSignature } from '../../../../lib/provenance/signed-manifest';
import { CID } from 'multiformats/cid';
import { answerOrRethrow, type ApiErrorBody } from '../../_http/errors';

/** The text fields of the multipart request (besides the `wav`, `midi` and `manifest` parts). */
export const pinTrackFieldsSchema = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(200),
    description: z.string().max(5000).default(''),
    genre: z.string().trim().min(1, 'genre is required').max(100),
    /** The artist's display name; empty or absent: the creator's profile name (dependency `metadataDefaults`). */
    artist: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((s) => s || undefined),
    /** International Standard Recording Code, when the track has one. */
    isrc: z
      .string()
      .optional()
      .transform((s) => s?.trim() || undefined)
      .pipe(isrcSchema.optional()),
    /** JSON array of { name, role, address? }. */
    credits: z
      .string()
      .default('[]')
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'credits must be a JSON array' });
          return z.NEVER;
        }
      })
      .pipe(z.array(creditSchema).max(50)),
    externalUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict()
  // Refused at input: a NUL or lone surrogate in metadata.json made the indexer retry it every 30 s forever.
  .superRefine((fields, ctx) => {
    const texts: [string, unknown][] = [
      ['name', fields.name],
      ['description', fields.description],
      ['genre', fields.genre],
      ['artist', fields.artist],
      ['externalUrl', fields.externalUrl],
      ['credits', JSON.stringify(fields.credits)],
    ];
    for (const [field, value] of texts) {
      const reason = typeof value === 'string' ? badTextReason(value) : null;
      if (reason) ctx.addIssue({ code: 'custom', path: [field], message: `${field} ${reason}` });
    }
  });

export type PinTrackResponse = {
  cid: string;
  files: Record<string, { cid: string; size: number }>;
  /** bytes32 for TrackCollection.mint(content). */
  contentDigest: `0x${string}`;
  /** The token id this track gets when its creator (the manifest's signer) mints it: creator << 96 | low 96 bits of the digest. */
  tokenId: string;
  /** bytes32 for TrackCollection.mint(manifest). */
  manifestDigest: `0x${string}`;
  backend: IpfsStorage['backend'];
};

export type PinTrackHandlerDependencies = {
  storage: () => Promise<IpfsStorage>;
  /** The chain and TrackCollection a manifest signature must be bound to (collection absent: chain only). */
  signingDomain: () => Promise<{ chainId: number; verifyingContract?: Address }>;
  /** The platform's C2PA signing credentials: every pinned audio.wav carries a C2PA manifest signed with them. */
  c2pa: () => Promise<C2paCredentials>;
  limits?: Record<TrackPart, number>;
  retry?: Omit<RetryOptions, 'signal'>;
  /** The creator's default artist name (their profile name) and the app's origin, for metadata.json. */
  metadataDefaults?: (creator: Address) => Promise<{ artist: string | null; siteOrigin: string }>;
  /** Asked once a request is valid, before anything is stored: a Response (429) refuses it. */
  admit?: (request: Request) => Promise<Response | null>;
};

const json = (status: number, body: ApiErrorBody | PinTrackResponse) => Response.json(body, { status });
const MULTIPART_OVERHEAD = 256 * 1024;

/** The largest multipart request the pin route reads: every part at its limit plus the multipart framing. */
export function pinRequestLimit(limits: Record<TrackPart, number> = TRACK_LIMITS): number {
  return (
    limits.wav + limits.midi + limits.manifest + limits.metadata + limits.stream + limits.cover + MULTIPART_OVERHEAD
  );
}

/**
 * POST multipart/form-data: `wav` (file), `midi` (file), `manifest` (the signed manifest JSON, as text or file),
 * `name`, `genre`, optional `description`, `artist`, `isrc`, `credits` (JSON array), `externalUrl`, and the optional
 * files `stream` (the MP3 streaming copy, pinned as stream.mp3) and `cover` (a PNG, JPEG or WebP cover, at most 2 MiB).
 * 201 `{ cid, files, contentDigest, tokenId, manifestDigest, backend }` once the folder is pinned and every CID
 * re-derived independently; 400 bad fields, 413 too large (limit in the message), 415 not WAV/MIDI/multipart,
 * 422 manifest invalid, wrongly signed, or not describing the uploaded bytes; 502 the storage backend failed.
 */
export function createPinTrackHandler(deps: PinTrackHandlerDependencies): (request: Request) => Promise<Response> {
  const limits = deps.limits ?? TRACK_LIMITS;
  return async (request) => {
    try {
      const type = request.headers.get('content-type') ?? '';
      if (!type.startsWith('multipart/form-data'))
        throw new UnsupportedMediaTypeError('request', 'multipart/form-data', `got ${type || 'no content type'}`);
      const total = pinRequestLimit(limits);
      const length = Number(request.headers.get('content-length') ?? '0');
      if (length > total) throw new PayloadTooLargeError('request', length, total);

      let form: FormData;
      try {
        form = await request.formData();
      } catch (error) {
        return json(400, {
          error: `not a readable multipart body: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      const file = async (part: 'wav' | 'midi'): Promise<Uint8Array | Response> => {
        const value = form.get(part);
        if (!(value instanceof Blob)) return json(400, { error: `${part} must be a file part` });
        checkSize(part, value.size, limits);
        return new Uint8Array(await value.arrayBuffer());
      };
      const wav = await file('wav');
      if (wav instanceof Response) return wav;
      const midi = await file('midi');
      if (midi instanceof Response) return midi;
      sniffWav(wav);
      sniffMidi(midi);
      const optional = async (part: 'stream' | 'cover'): Promise<Uint8Array | undefined | Response> => {
        const value = form.get(part);
        if (value === null) return undefined;
        if (!(value instanceof Blob)) return json(400, { error: `${part} must be a file part` });
        checkSize(part, value.size, limits);
        return new Uint8Array(await value.arrayBuffer());
      };
      const stream = await optional('stream');
      if (stream instanceof Response) return stream;
      const cover = await optional('cover');
      if (cover instanceof Response) return cover;

      const manifestPart = form.get('manifest');
      if (manifestPart === null) return json(400, { error: 'manifest is required (the signed manifest JSON)' });
      const manifestText = typeof manifestPart === 'string' ? manifestPart : await manifestPart.text();
      checkSize('manifest', new TextEncoder().encode(manifestText).byteLength, limits);

      const fieldValues: Record<string, string> = {};
      for (const [key, value] of form.entries())
        if (typeof value === 'string' && !['manifest', 'wav', 'midi', 'stream', 'cover'].includes(key))
          fieldValues[key] = value;
      const fields = pinTrackFieldsSchema.safeParse(fieldValues);
      if (!fields.success)
        return json(400, {
          error: 'invalid fields',
          issues: fields.error.issues.map((i) => `${i.path.join('.') || '(fields)'}: ${i.message}`),
        });
      checkSize('metadata', new TextEncoder().encode(JSON.stringify(fields.data)).byteLength, limits);

      let raw: unknown;
      try {
        raw = JSON.parse(manifestText);
      } catch {
        return json(400, { error: 'manifest is not JSON' });
      }
      const signed = parseSignedManifest(raw);
      const domain = await deps.signingDomain();
      const signature = await verifyManifestSignature({
        signed,
        expectedDomain: domain.verifyingContract
          ? { chainId: domain.chainId, verifyingContract: domain.verifyingContract }
          : undefined,
      });
      if (!signature.valid) return json(422, { error: `signature: ${signature.reason}` });
      if (!domain.verifyingContract && signed.signature.domain.chainId !== domain.chainId) {
        return json(422, {
          error: `signature: signed for chain ${signed.signature.domain.chainId}, this server is on chain ${domain.chainId}`,
        });
      }

      const defaults = await deps.metadataDefaults?.(signed.manifest.creator as Address);
      const artist = fields.data.artist ?? defaults?.artist ?? undefined;
      const folder = await buildTrackFolder({
        wav,
        midi,
        signed,
        metadata: { ...fields.data, artist },
        siteOrigin: defaults?.siteOrigin,
        c2pa: await deps.c2pa(),
        stream,
        cover,
      });
      const refused = await deps.admit?.(request);
      if (refused) return refused;
      const storage = await deps.storage();
      let pinned;
      try {
        pinned = await pinFolderVerified(storage, folder.files, folder.expected, {
          signal: request.signal,
          retry: deps.retry,
        });
      } catch (error) {
        return json(502, {
          error: `pinning failed (${storage.backend}): ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      const contentDigest = contentDigestOfCid(CID.parse(pinned.cid));
      const body: PinTrackResponse = {
        cid: pinned.cid,
        files: pinned.files,
        contentDigest,
        tokenId: trackIdOf(signed.manifest.creator as Address, contentDigest).toString(),
        manifestDigest: signed.manifestDigest,
        backend: pinned.backend,
      };
      return json(201, body);
    } catch (error) {
      if (error instanceof InvalidManifestError) return json(422, { error: 'invalid manifest', issues: error.issues });
      return answerOrRethrow(error); // HttpError of the storage (413, 415, 422 ManifestMismatch) carry their status
    }
  };
}
