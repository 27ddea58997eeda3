import { isAddressEqual, verifyTypedData, type Address, type Hex, type PublicClient } from 'viem';
import { z } from 'zod';
import { manifestDigestOf } from './digest';
import { InvalidManifestError } from './errors';
import {
  anyTrackManifestSchema,
  MANIFEST_VERSIONS,
  type AnyTrackManifest,
  type ManifestVersion,
  type TrackManifest,
} from './manifest-schema';
import { manifestDomain, manifestTypedData, type ManifestDomain } from './typed-data';

export const SIGNED_MANIFEST_TYPE = 'motif.signed-manifest';

/**
 * The `manifest.json` of a pinned track: the manifest, its digest and the creator's EIP-712 signature over it.
 * The manifest is checked by its own schema (see manifest-schema.ts) so that both report precise issues; `version`
 * is the manifest's version (1 or 2), which the signature also covers (EIP-712 `manifestVersion`).
 */
export const signedManifestSchema = z
  .object({
    type: z.literal(SIGNED_MANIFEST_TYPE),
    version: z.union([z.literal(MANIFEST_VERSIONS[0]), z.literal(MANIFEST_VERSIONS[1])]),
    manifest: anyTrackManifestSchema,
    /** keccak256 of the RFC 8785 canonical JSON of `manifest`. */
    manifestDigest: z.string().regex(/^0x[0-9a-f]{64}$/),
    signature: z
      .object({
        standard: z.literal('EIP-712'),
        primaryType: z.literal('TrackManifest'),
        domain: z
          .object({
            name: z.literal('Motif'),
            version: z.literal('1'),
            chainId: z.number().int().positive(),
            verifyingContract: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
          })
          .strict(),
        value: z.string().regex(/^0x[0-9a-fA-F]+$/),
      })
      .strict(),
  })
  .strict()
  .refine((f) => f.version === f.manifest.version, { path: ['version'], message: 'must equal manifest.version' });

export type SignedManifest = {
  type: typeof SIGNED_MANIFEST_TYPE;
  version: ManifestVersion;
  manifest: AnyTrackManifest;
  manifestDigest: Hex;
  signature: { standard: 'EIP-712'; primaryType: 'TrackManifest'; domain: ManifestDomain; value: Hex };
};

/** Validates a parsed `manifest.json`; throws InvalidManifestError. */
export function parseSignedManifest(value: unknown): SignedManifest {
  const result = signedManifestSchema.safeParse(value);
  if (!result.success)
    throw new InvalidManifestError(result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`));
  return result.data as SignedManifest;
}

/** Anything that signs EIP-712 typed data: a viem LocalAccount, or a wallet client wrapped as `(td) => wallet.signTypedData({ account, ...td })`. */
export type TypedDataSigner = (typedData: ReturnType<typeof manifestTypedData>) => Promise<Hex>;

export type SignManifestParameters = {
  manifest: TrackManifest;
  chainId: number;
  /** The TrackCollection the track will be minted in. */
  verifyingContract: Address;
  sign: TypedDataSigner;
};

/** Computes the manifest digest and has the creator sign it as EIP-712 typed data. */
export async function signManifest(params: SignManifestParameters): Promise<SignedManifest> {
  const manifestDigest = manifestDigestOf(params.manifest);
  const domain = manifestDomain(params.chainId, params.verifyingContract);
  const value = await params.sign(
    manifestTypedData(domain, {
      creator: params.manifest.creator as Address,
      manifestDigest,
      manifestVersion: params.manifest.version,
    }),
  );
  return {
    type: SIGNED_MANIFEST_TYPE,
    version: params.manifest.version,
    manifest: params.manifest,
    manifestDigest,
    signature: { standard: 'EIP-712', primaryType: 'TrackManifest', domain, value },
  };
}

export type VerifyManifestSignatureParameters = {
  signed: SignedManifest;
  /** When given, the signature must be bound to this chain and collection. */
  expectedDomain?: { chainId: number; verifyingContract: Address };
  /** Verifies through the chain (ERC-1271 / ERC-6492 smart accounts); without it only EOA signatures verify. */
  publicClient?: PublicClient;
};

export type SignatureCheck = { valid: boolean; reason: string; manifestDigest: Hex };

/** Recomputes the digest from the manifest and checks the creator signed it for the expected chain and collection. */
export async function verifyManifestSignature(params: VerifyManifestSignatureParameters): Promise<SignatureCheck> {
  const { signed, expectedDomain } = params;
  const manifestDigest = manifestDigestOf(signed.manifest);
  if (manifestDigest !== signed.manifestDigest) {
    return {
      valid: false,
      manifestDigest,
      reason: `the manifest's canonical digest is ${manifestDigest}, the file records ${signed.manifestDigest}`,
    };
  }
  const domain = signed.signature.domain;
  if (expectedDomain) {
    if (domain.chainId !== expectedDomain.chainId)
      return {
        valid: false,
        manifestDigest,
        reason: `signed for chain ${domain.chainId}, expected ${expectedDomain.chainId}`,
      };
    if (!isAddressEqual(domain.verifyingContract, expectedDomain.verifyingContract)) {
      return {
        valid: false,
        manifestDigest,
        reason: `signed for collection ${domain.verifyingContract}, expected ${expectedDomain.verifyingContract}`,
      };
    }
  }
  const creator = signed.manifest.creator as Address;
  const typedData = manifestTypedData(domain, { creator, manifestDigest, manifestVersion: signed.version });
  let valid: boolean;
  try {
    valid = params.publicClient
      ? await params.publicClient.verifyTypedData({ ...typedData, address: creator, signature: signed.signature.value })
      : await verifyTypedData({ ...typedData, address: creator, signature: signed.signature.value });
  } catch (error) {
    return {
      valid: false,
      manifestDigest,
      reason: `signature could not be checked: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return valid
    ? {
        valid,
        manifestDigest,
        reason: `signed by the creator ${creator} (EIP-712, chain ${domain.chainId}, collection ${domain.verifyingContract})`,
      }
    : { valid, manifestDigest, reason: `the signature is not the creator ${creator}'s over digest ${manifestDigest}` };
}
