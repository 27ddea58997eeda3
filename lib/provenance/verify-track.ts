import { CID } from 'multiformats/cid';
import { checkOrigin, type OriginChainOptions, type OriginLink } from './origin-link';
import { isAddressEqual, type Address, type Hex, type PublicClient } from 'viem';
import { cidOfBytes, cidOfFolder, fileLinkOfBytes, type FileLinkInfo } from '../ipfs/cid-of-files';
import { coverSvgBytes } from '../generation/export/cover';
import { midiBarSteps, notesFromMidi } from '../generation/export/midi';
import { readAll, type IpfsStorage } from '../ipfs/storage';
import { trackIdOf } from '../contracts/track-id';
import { readChainRecord, readContentDigest } from './chain-record';
import { cidOfContentDigest, contentDigestOfCid, sha256Hex, sha256HexAsync } from './digest';
import { trackFacts, type TrackFacts } from './track-facts';
import { TRACK_FILES, type AnyTrackManifest } from './manifest-schema';
import { TRACK_LIMITS } from './track-limits';
import { watermarkCheck } from './watermark-check';
import { parseSignedManifest, verifyManifestSignature, type SignedManifest } from './signed-manifest';
import { checkC2pa } from './c2pa/check';
import { audioEssence } from './c2pa/essence';
import { BaseError } from '../errors/base';
import { OPTIONAL_TRACK_FILES, STREAM_FILE } from './optional-files';
import { coverFileOf, optionalFileProblems } from './optional-files-check';

export type VerifyCheckName = 'manifest' | 'files' | 'c2pa' | 'watermark' | 'signature' | 'replay' | 'chain';
/**
 * One check's outcome. `skipped` checks (nothing to check against) have `pass: false`: a track is verified only when every
 * check passed. The one exception: the watermark check of a manifest that records no watermark is skipped with
 * `pass: true` (the track predates the watermark and claims none).
 */
export type VerifyCheck = { name: VerifyCheckName; pass: boolean; reason: string; skipped?: boolean };

/** Replays the generation a manifest records and returns the notesDigest (`sha256:<hex>`) of the model's output. */
export type ReplayFn = (manifest: AnyTrackManifest) => Promise<string>;

export type VerifyTrackTarget = { tokenId: bigint } | { cid: string | CID };

export type VerifyChainOptions = {
  publicClient: PublicClient;
  chainId: number;
  /** The TrackCollection address (also the EIP-712 verifyingContract the signature must name). */
  collection: Address;
  fromBlock?: bigint;
};

export type VerifyTrackParameters = VerifyTrackTarget & {
  storage: Pick<IpfsStorage, 'stat' | 'cat'>;
  /** Absent: the replay check is reported as skipped. */
  replay?: ReplayFn;
  /** Absent: the chain check is reported as skipped and the signature is not tied to a known collection. */
  chain?: VerifyChainOptions;
  /** For a re-mint (manifest `origin`): the origin chain where it still answers; absent, the link is reported unchecked. */
  originChain?: (chainId: number) => OriginChainOptions | null;
  /** PEM roots a C2PA signer must chain to (the platform's: lib/platform/c2pa-credentials.ts); absent: the signer's trust is not checked. */
  c2pa?: { trustAnchorsPem?: string };
  signal?: AbortSignal;
};

export type VerifyTrackResult = {
  ok: boolean;
  cid: string;
  tokenId?: string;
  checks: VerifyCheck[];
  manifest?: AnyTrackManifest;
  manifestDigest?: Hex;
  /** A re-mint's link to the token it was first minted as (SPEC 11.1): history, never a check that fails the track. */
  origin?: OriginLink;
};

export type TrackFiles = Map<string, { cid: CID; bytes: Uint8Array }>;

const LIMIT_BY_FILE: Record<string, number> = {
  [TRACK_FILES.audio]: TRACK_LIMITS.wav,
  [TRACK_FILES.midi]: TRACK_LIMITS.midi,
  [TRACK_FILES.cover]: 8 * 1024 * 1024,
  [TRACK_FILES.manifest]: TRACK_LIMITS.manifest,
  [TRACK_FILES.metadata]: TRACK_LIMITS.metadata * 4,
  [STREAM_FILE]: TRACK_LIMITS.stream,
  ...Object.fromEntries(OPTIONAL_TRACK_FILES.filter((f) => f !== STREAM_FILE).map((f) => [f, TRACK_LIMITS.cover])),
};

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The folder a target names. A folder CID names itself; a token id keeps only the low 96 bits of the content digest
 * (the rest of the id is the creator's address), so the folder of a token is read from the collection's storage.
 */
async function resolveTarget(
  target: VerifyTrackTarget,
  chain: VerifyChainOptions | undefined,
): Promise<{ cid: CID; tokenId?: bigint; problem?: string }> {
  if ('tokenId' in target) {
    if (!chain)
      throw new TokenNeedsChainError(
        `token ${target.tokenId}: reading its folder needs a chain (or verify by folder CID)`,
      );
    const digest = await readContentDigest(chain.publicClient, {
      collection: chain.collection,
      tokenId: target.tokenId,
    });
    return { cid: cidOfContentDigest(digest), tokenId: target.tokenId };
  }
  const cid = typeof target.cid === 'string' ? CID.parse(target.cid) : target.cid;
  try {
    contentDigestOfCid(cid);
    return { cid };
  } catch (error) {
    return { cid, problem: message(error) };
  }
}

/** A token id was given without a chain to read its folder from. */
export class TokenNeedsChainError extends BaseError {
  override name = 'TokenNeedsChainError';
}

/**
 * Reads the folder's five files and its optional ones (each capped at its size limit). Missing or extra files are
 * reported, not thrown.
 */
export async function readTrackFiles(
  storage: Pick<IpfsStorage, 'stat' | 'cat'>,
  cid: CID,
  signal?: AbortSignal,
  /** Called with manifest.json as soon as it is read (it is read first), before the larger files. */
  onManifest?: (bytes: Uint8Array) => void,
): Promise<{ files: TrackFiles; problems: string[] }> {
  const problems: string[] = [];
  const files: TrackFiles = new Map();
  const root = await storage.stat(cid, { signal });
  if (root.type !== 'directory') return { files, problems: [`${cid} is a file, not a track folder`] };
  const expected = new Set<string>(Object.values(TRACK_FILES));
  const allowed = new Set<string>([...expected, ...OPTIONAL_TRACK_FILES]);
  const manifestFirst = [...root.entries].sort(
    (a, b) => Number(b.name === TRACK_FILES.manifest) - Number(a.name === TRACK_FILES.manifest),
  );
  for (const entry of manifestFirst) {
    if (!allowed.has(entry.name)) {
      problems.push(`unexpected entry ${entry.name}`);
      continue;
    }
    const stat = await storage.stat(entry.cid, { signal });
    const limit = LIMIT_BY_FILE[entry.name] ?? 0;
    if (stat.type !== 'file') problems.push(`${entry.name} is not a file`);
    else if (stat.size > limit) problems.push(`${entry.name} is ${stat.size} bytes, over the ${limit}-byte limit`);
    else {
      const bytes = await readAll(storage.cat(entry.cid, { signal }));
      files.set(entry.name, { cid: entry.cid, bytes });
      if (entry.name === TRACK_FILES.manifest) onManifest?.(bytes);
    }
  }
  for (const name of expected) if (!root.entries.some((e) => e.name === name)) problems.push(`${name} is missing`);
  return { files, problems };
}

/**
 * Verifies a track from its folder CID or token id:
 * - manifest: manifest.json is a valid signed manifest (schema v1 or v2 with its derived fields);
 * - files: each file's bytes give its CID and the folder gives the CID asked for (re-derived with ipfs-unixfs-importer),
 *   audio and MIDI match the manifest's sha256/size/CID, the cover is the piano roll of the MIDI, the metadata links
 *   the folder's own files and the manifest digest;
 * - c2pa: the C2PA manifest in audio.wav is valid (signature, certificate chained to the given anchors, data hash)
 *   and names this manifest, its model, weights, digital source type and edits (skipped, and passing, without one);
 * - signature: the creator signed the manifest's canonical digest (EIP-712, on this chain and collection);
 * - watermark: audio.wav carries the motif-ss-wm/1 watermark whose payload is the first 64 bits of notes.finalDigest
 *   (skipped, and passing, when the manifest records no watermark);
 * - replay: replaying the generation with the referenced weights gives the recorded NoteSequence digest;
 * - chain: the token exists, its content digest is this folder, and its TrackMinted event records this manifest
 *   digest and creator; tokenURI points at this folder's metadata.json.
 */
export async function verifyTrack(params: VerifyTrackParameters): Promise<VerifyTrackResult> {
  const { cid, tokenId, problem } = await resolveTarget(params, params.chain);
  let read: { files: TrackFiles; problems: string[] };
  // The replay, the longest check, starts as soon as manifest.json is read: it then runs (in its own thread, with
  // createWorkerReplay) while the audio is read and checked.
  let earlyReplay: EarlyReplay | undefined;
  const replay = params.replay;
  const onManifest = replay
    ? (bytes: Uint8Array) => {
        try {
          const raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          earlyReplay = { raw, outcome: startReplay(replay, parseSignedManifest(JSON.parse(raw)).manifest) };
        } catch {
          // not a valid manifest: the manifest check says why, and nothing is replayed
        }
      }
    : undefined;
  try {
    read = await readTrackFiles(params.storage, cid, params.signal, onManifest);
  } catch (error) {
    read = { files: new Map(), problems: [`could not read the folder: ${message(error)}`] };
  }
  const result = await verifyTrackFiles({
    ...params,
    cid,
    tokenId,
    targetProblem: problem,
    files: read.files,
    readProblems: read.problems,
    earlyReplay,
  });
  return result;
}

type ReplayOutcome = { digest: string } | { error: unknown };
/** A replay started from manifest.json's text before the other files were read. */
type EarlyReplay = { raw: string; outcome: Promise<ReplayOutcome> };

function startReplay(replay: ReplayFn, manifest: AnyTrackManifest): Promise<ReplayOutcome> {
  return Promise.resolve(manifest)
    .then(replay)
    .then(
      (digest) => ({ digest }),
      (error: unknown) => ({ error }),
    );
}

export type VerifyTrackFilesParameters = Omit<VerifyTrackParameters, 'storage' | 'tokenId' | 'cid'> & {
  earlyReplay?: EarlyReplay;
  cid: CID;
  tokenId?: bigint;
  targetProblem?: string;
  files: TrackFiles;
  readProblems?: string[];
};

/** What metadata.json states about the music that its re-derivation from the manifest and files contradicts. */
function metadataFactProblems(metadata: Record<string, unknown>, facts: TrackFacts): string[] {
  const problems: string[] = [];
  const stated: [string, unknown, string | number][] = [
    ['key', metadata.key, facts.keyLabel],
    ['bpm', metadata.bpm, facts.bpm],
    ['duration', metadata.duration, facts.audioSeconds],
  ];
  for (const [field, value, derived] of stated)
    if (value !== undefined && value !== derived)
      problems.push(`metadata ${field} ${String(value)} is not ${derived}, derived from the manifest and files`);
  return problems;
}

/** The checks of `verifyTrack` over files already read (what `verifyTrack` calls after reading the folder). */
export async function verifyTrackFiles(params: VerifyTrackFilesParameters): Promise<VerifyTrackResult> {
  const { cid, files } = params;
  const checks: VerifyCheck[] = [];
  const text = (name: string) => {
    const f = files.get(name);
    return f ? new TextDecoder('utf-8', { fatal: true }).decode(f.bytes) : undefined;
  };

  // manifest
  let signed: SignedManifest | undefined;
  try {
    const raw = text(TRACK_FILES.manifest);
    if (raw === undefined) throw new Error(`${TRACK_FILES.manifest} is missing`);
    signed = parseSignedManifest(JSON.parse(raw));
    checks.push({ name: 'manifest', pass: true, reason: `valid signed manifest, schema version ${signed.version}` });
  } catch (error) {
    checks.push({ name: 'manifest', pass: false, reason: message(error) });
  }
  const m = signed?.manifest;
  // The replay starts now and is awaited at its check: a replay that runs elsewhere (createWorkerReplay, another
  // thread) then overlaps the file, C2PA and watermark checks. Its failure is read only at its check.
  const replay = params.replay;
  const early = params.earlyReplay;
  const replayed =
    m && replay
      ? early && early.raw === text(TRACK_FILES.manifest)
        ? early.outcome
        : startReplay(replay, m)
      : undefined;

  // files
  const fileProblems: string[] = [...(params.readProblems ?? [])];
  // Each file is hashed once: its link (CID and size) is reused for the folder CID.
  const links = new Map<Uint8Array, FileLinkInfo>();
  for (const [name, f] of files) {
    const link = await fileLinkOfBytes(f.bytes);
    links.set(f.bytes, link);
    if (!link.cid.equals(f.cid)) fileProblems.push(`${name}: its bytes give ${link.cid}, the folder links ${f.cid}`);
  }
  if (fileProblems.length === 0) {
    const ordered = [...files.entries()].map(([path, f]) => ({ path, content: f.bytes }));
    const folderCid = await cidOfFolder(ordered, links);
    if (!folderCid.equals(cid)) fileProblems.push(`the files give folder ${folderCid}, not ${cid}`);
  }
  if (m && signed) {
    for (const [name, record] of [
      [TRACK_FILES.audio, m.files.audio],
      [TRACK_FILES.midi, m.files.midi],
    ] as const) {
      const f = files.get(name);
      if (!f) continue;
      // the manifest records the audio essence: audio.wav without its C2PA chunk (docs/provenance/c2pa.md)
      const bytes = name === TRACK_FILES.audio ? audioEssence(f.bytes) : f.bytes;
      const label = bytes === f.bytes ? name : `${name} essence`;
      if (bytes.byteLength !== record.size)
        fileProblems.push(`${label} is ${bytes.byteLength} bytes, the manifest says ${record.size}`);
      const sha256 = await sha256HexAsync(bytes);
      if (sha256 !== record.sha256)
        fileProblems.push(`${label} sha256 is ${sha256}, the manifest says ${record.sha256}`);
      const cidOfRecorded = bytes === f.bytes ? f.cid : await cidOfBytes(bytes);
      if (cidOfRecorded.toString() !== record.cid)
        fileProblems.push(`${label} CID is ${cidOfRecorded}, the manifest says ${record.cid}`);
    }
    try {
      const metadata = JSON.parse(text(TRACK_FILES.metadata) ?? 'null') as Record<string, unknown> | null;
      if (!metadata) throw new Error(`${TRACK_FILES.metadata} is missing`);
      const link = (name: string) => `ipfs://${files.get(name)?.cid.toString() ?? '?'}`;
      const coverFile = coverFileOf(files);
      if (metadata.image !== link(coverFile))
        fileProblems.push(`metadata image ${String(metadata.image)} is not the folder's cover ${link(coverFile)}`);
      if (metadata.animation_url !== link(TRACK_FILES.audio))
        fileProblems.push(`metadata animation_url ${String(metadata.animation_url)} is not the folder's audio`);
      if (metadata.manifest !== link(TRACK_FILES.manifest))
        fileProblems.push(`metadata manifest ${String(metadata.manifest)} is not the folder's manifest`);
      if (metadata.manifest_digest !== signed.manifestDigest)
        fileProblems.push(
          `metadata manifest_digest ${String(metadata.manifest_digest)} is not ${signed.manifestDigest}`,
        );
      const midi = files.get(TRACK_FILES.midi);
      const cover = files.get(TRACK_FILES.cover);
      if (midi && cover && typeof metadata.name === 'string') {
        const drawn = coverSvgBytes(notesFromMidi(midi.bytes), {
          title: metadata.name,
          barSteps: midiBarSteps(midi.bytes),
        });
        if (sha256Hex(drawn) !== sha256Hex(cover.bytes))
          fileProblems.push('cover.svg is not the piano roll drawn from track.mid');
      }
      const audio = files.get(TRACK_FILES.audio);
      if (midi && audio) {
        const facts = trackFacts(m, { wav: audio.bytes, midi: midi.bytes });
        fileProblems.push(...metadataFactProblems(metadata, facts));
        fileProblems.push(...optionalFileProblems(files, metadata, facts.audioSeconds));
      }
    } catch (error) {
      fileProblems.push(`metadata: ${message(error)}`);
    }
  }
  checks.push(
    fileProblems.length === 0
      ? {
          name: 'files',
          pass: true,
          reason: `${files.size} files match their CIDs and folder ${cid}${m ? '; audio and MIDI match the manifest' : ''}`,
        }
      : { name: 'files', pass: false, reason: fileProblems.join('; ') },
  );

  // c2pa: the manifest embedded in audio.wav is valid and says what manifest.json says; a file without one predates
  // C2PA embedding and is skipped without failing (like the watermark of a manifest that records none)
  const c2pa = await checkC2pa({
    audio: files.get(TRACK_FILES.audio)?.bytes,
    subject: signed,
    manifestCid: files.get(TRACK_FILES.manifest)?.cid.toString(),
    trustAnchorsPem: params.c2pa?.trustAnchorsPem,
  });
  checks.push({ name: 'c2pa', ...c2pa, ...(c2pa.skipped ? { pass: true } : {}) });

  // watermark: the audio carries the first 64 bits of the final notes digest
  checks.push(watermarkCheck(m, files.get(TRACK_FILES.audio)?.bytes));

  // signature
  if (!signed) checks.push({ name: 'signature', pass: false, reason: 'no valid manifest to check' });
  else {
    const chain = params.chain;
    const sig = await verifyManifestSignature({
      signed,
      expectedDomain: chain ? { chainId: chain.chainId, verifyingContract: chain.collection } : undefined,
      publicClient: chain?.publicClient,
    });
    checks.push({ name: 'signature', pass: sig.valid, reason: sig.reason });
  }

  // replay
  if (!m) checks.push({ name: 'replay', pass: false, reason: 'no valid manifest to replay' });
  else if (!params.replay)
    checks.push({ name: 'replay', pass: false, skipped: true, reason: 'skipped: no replay available here' });
  else {
    try {
      const outcome = await (replayed ?? { error: new Error('the replay did not start') });
      if ('error' in outcome) throw outcome.error;
      const { digest } = outcome;
      checks.push(
        digest === m.notes.generatedDigest
          ? {
              name: 'replay',
              pass: true,
              reason:
                `replaying ${m.model.id} (${m.model.weightsCid}) with seed ${m.generation.seed} gives ${digest}` +
                (m.version === 2 && m.render.soundfont
                  ? `; re-rendering the audio with SoundFont ${m.render.soundfont.cid} gives its PCM sha256 ${m.render.soundfont.pcmSha256}`
                  : ''),
            }
          : {
              name: 'replay',
              pass: false,
              reason: `replay gives ${digest}, the manifest records ${m.notes.generatedDigest}`,
            },
      );
    } catch (error) {
      checks.push({ name: 'replay', pass: false, reason: `replay failed: ${message(error)}` });
    }
  }

  // chain: the token is the manifest creator's (ids are namespaced by creator, so a copy minted by anybody else has
  // another id and never verifies as this track)
  const chain = params.chain;
  let tokenId = params.tokenId;
  if (tokenId === undefined && m && !params.targetProblem)
    tokenId = trackIdOf(m.creator as Address, contentDigestOfCid(cid));
  if (params.targetProblem)
    checks.push({ name: 'chain', pass: false, reason: `cannot be a token: ${params.targetProblem}` });
  else if (!chain || tokenId === undefined)
    checks.push({ name: 'chain', pass: false, skipped: true, reason: 'skipped: no chain configured' });
  else {
    try {
      const record = await readChainRecord(chain.publicClient, {
        collection: chain.collection,
        tokenId,
        fromBlock: chain.fromBlock,
      });
      const problems: string[] = [];
      const content = contentDigestOfCid(cid);
      if (record.contentDigest !== content)
        problems.push(`content digest on chain ${record.contentDigest}, folder ${content}`);
      if (record.tokenURI !== `ipfs://${cid.toString()}/metadata.json`) problems.push(`tokenURI is ${record.tokenURI}`);
      if (signed && record.manifestDigest !== signed.manifestDigest)
        problems.push(`manifest digest on chain ${record.manifestDigest}, manifest.json ${signed.manifestDigest}`);
      if (m && !isAddressEqual(record.creator, m.creator as Address))
        problems.push(`minted by ${record.creator}, but the signed manifest names ${m.creator}: not this track`);
      if (tokenId !== trackIdOf(record.creator, record.contentDigest))
        problems.push(`token ${tokenId} is not the id of ${record.creator}'s track ${record.contentDigest}`);
      if (m && record.licence !== m.licence.id)
        problems.push(`licence on chain ${record.licence}, manifest ${m.licence.id} (${m.licence.name})`);
      if (!signed) problems.push('no valid manifest to compare with');
      checks.push(
        problems.length === 0
          ? {
              name: 'chain',
              pass: true,
              reason: `token ${tokenId} minted by ${record.creator} in block ${record.blockNumber} records this folder and manifest digest`,
            }
          : { name: 'chain', pass: false, reason: problems.join('; ') },
      );
    } catch (error) {
      checks.push({ name: 'chain', pass: false, reason: message(error) });
    }
  }

  const origin =
    m && 'origin' in m && m.origin
      ? await checkOrigin(m.origin, m.creator as Address, params.originChain?.(m.origin.chainId) ?? null)
      : undefined;

  return {
    ok: checks.every((c) => c.pass),
    ...(origin ? { origin } : {}),
    cid: cid.toString(),
    ...(tokenId !== undefined ? { tokenId: tokenId.toString() } : {}),
    checks,
    ...(m ? { manifest: m } : {}),
    ...(signed ? { manifestDigest: signed.manifestDigest } : {}),
  };
}
