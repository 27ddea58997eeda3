/**
 * Mints one demo draft through the mint step machine (lib/mint/run.ts) with the mint's own effects
 * (lib/mint/effects.ts: sign the manifest, create the royalty split, send and confirm the mint), signed by the dev
 * creator's key. Only the pin differs from the browser's: the draft's folder is built and pinned here, through the
 * same track-folder code the pin route runs (lib/tracks/track-folder.ts: C2PA, cover, metadata, verified CIDs),
 * straight into the platform's IPFS node instead of over HTTP.
 */
import { CID } from 'multiformats/cid';
import type { Account, Address, Chain, Client, Transport } from 'viem';
import { BaseError } from '../errors/base';
import { trackIdOf } from '../contracts/track-id';
import type { IpfsStorage } from '../ipfs/storage';
import type { MintContracts } from '../mint/contracts';
import type { DraftProgress, MintDraft } from '../mint/draft';
import { createMintEffects, type CreateMintEffectsParameters } from '../mint/effects';
import { runMint, type MintEffects } from '../mint/run';
import type { C2paCredentials } from '../provenance/c2pa/credentials';
import { contentDigestOfCid } from '../provenance/digest';
import { trackMetadataInputSchema } from '../provenance/metadata';
import { parseSignedManifest, verifyManifestSignature } from '../provenance/signed-manifest';
import { pinTrack } from '../tracks/track-folder';
import { encodeStreamMp3 } from '../tracks/stream-mp3';

/** A mint step failed (the step machine's classified message). */
export class DemoMintError extends BaseError {
  override name = 'DemoMintError';
}

export type PinDraftParameters = {
  storage: IpfsStorage;
  c2pa: C2paCredentials;
  chainId: number;
  collection: Address;
  /** Origin for metadata's `external_url`. */
  siteOrigin: string;
  signal?: AbortSignal;
};

/** The `pin` effect for a server-side mint: checks the signed manifest as the pin route does, then pins the folder. */
export function pinDraft(p: PinDraftParameters): MintEffects['pin'] {
  return async (draft): Promise<NonNullable<DraftProgress['pinned']>> => {
    const signedJson = draft.progress.signed?.manifestJson;
    if (!signedJson) throw new DemoMintError('the manifest is not signed yet');
    const signed = parseSignedManifest(JSON.parse(signedJson));
    const check = await verifyManifestSignature({
      signed,
      expectedDomain: { chainId: p.chainId, verifyingContract: p.collection },
    });
    if (!check.valid) throw new DemoMintError(`signature: ${check.reason}`);
    const d = draft.details;
    const pinned = await pinTrack(
      p.storage,
      {
        wav: draft.wav,
        midi: draft.midi,
        signed,
        metadata: trackMetadataInputSchema.parse({
          name: d.title,
          description: d.description,
          genre: d.genre,
          ...(d.artist ? { artist: d.artist } : {}),
        }),
        siteOrigin: p.siteOrigin,
        c2pa: p.c2pa,
        // the streaming copy, as the mint page makes it in the browser
        stream: await encodeStreamMp3(draft.wav, { signal: p.signal }),
        ...(draft.cover ? { cover: draft.cover.bytes } : {}),
      },
      { signal: p.signal },
    );
    const contentDigest = contentDigestOfCid(CID.parse(pinned.cid));
    return {
      cid: pinned.cid,
      tokenId: trackIdOf(signed.manifest.creator as Address, contentDigest).toString(),
      contentDigest,
      manifestDigest: signed.manifestDigest,
    };
  };
}

export type MintDemoTrackParameters = PinDraftParameters & {
  draft: MintDraft;
  /** The creator's wallet (a local dev account). */
  wallet: Client<Transport, Chain | undefined, Account>;
  publicClient: Client<Transport, Chain | undefined>;
  contracts: MintContracts;
  /** The chain's native currency (a voucher's price is written in it). */
  currency: CreateMintEffectsParameters['currency'];
  /** The manifest's and the draft's time. */
  now: string;
};

/** Runs every mint step; resolves with the minted token, or throws the step's classified failure. */
export async function mintDemoTrack(p: MintDemoTrackParameters): Promise<NonNullable<DraftProgress['minted']>> {
  const effects = createMintEffects({
    wallet: p.wallet,
    publicClient: p.publicClient,
    chainId: p.chainId,
    contracts: p.contracts,
    currency: p.currency,
    pin: pinDraft(p),
    save: async () => {},
    now: () => p.now,
  });
  const done = await runMint(p.draft, effects);
  if (done.failure || !done.progress.minted)
    throw new DemoMintError(
      `minting the demo track "${p.draft.details.title}" failed at ${done.failure?.step ?? 'an unknown step'}: ${done.failure?.message ?? 'not minted'}`,
    );
  return done.progress.minted;
}
