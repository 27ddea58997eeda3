import { getAddress, keccak256, toHex, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { trackIdOf } from '../contracts/track-id';
import { decideAuthorship, type ManifestEvidence, type MintRecord } from './authorship';

const A = getAddress('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266');
const B = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
const contentDigest = keccak256(toHex('folder'));
const manifestDigest = keccak256(toHex('manifest'));
const mintBy = (creator: Address, overrides: Partial<MintRecord> = {}): MintRecord => ({
  tokenId: trackIdOf(creator, contentDigest),
  creator,
  contentDigest,
  manifestDigest,
  ...overrides,
});
const signedBy = (
  creator: Address,
  overrides: Partial<Extract<ManifestEvidence, { ok: true }>> = {},
): ManifestEvidence => ({
  ok: true,
  creator,
  manifestDigest,
  signature: { valid: true, reason: `signed by the creator ${creator}` },
  ...overrides,
});

describe('decideAuthorship', () => {
  it('verifies a token minted by the manifest signer under their own id', () => {
    expect(decideAuthorship(mintBy(A), signedBy(A))).toEqual({ authorship: 'verified', reason: null });
    // Addresses and digests compare without regard to case (the manifest schema allows lower-case addresses).
    expect(
      decideAuthorship(
        mintBy(A, { manifestDigest: `0x${manifestDigest.slice(2).toUpperCase()}` }),
        signedBy(`0x${A.slice(2).toLowerCase()}`),
      ).authorship,
    ).toBe('verified');
  });

  it('marks a stranger minting the folder in their own namespace unverified, naming minter and signer', () => {
    const decision = decideAuthorship(mintBy(B), signedBy(A));
    expect(decision.authorship).toBe('unverified');
    expect(decision.reason).toBe(`minted by ${B}, but the signed manifest names ${A}`);
  });

  it('marks an invalid signature, another manifest digest, or an id outside the minter namespace unverified', () => {
    const badSignature = decideAuthorship(
      mintBy(A),
      signedBy(A, { signature: { valid: false, reason: 'signed for chain 1, expected 31337' } }),
    );
    expect(badSignature).toEqual({
      authorship: 'unverified',
      reason: 'manifest signature: signed for chain 1, expected 31337',
    });
    const otherDigest = keccak256(toHex('another manifest'));
    expect(decideAuthorship(mintBy(A, { manifestDigest: otherDigest }), signedBy(A)).reason).toBe(
      `the mint records manifest digest ${otherDigest}, manifest.json has ${manifestDigest}`,
    );
    // A v1 id (the content digest itself) or another creator's namespace is not this minter's track id.
    expect(decideAuthorship(mintBy(A, { tokenId: BigInt(contentDigest) }), signedBy(A)).reason).toMatch(
      /^token id \d+ is not the minter's id for this folder \(\d+\)$/,
    );
    expect(decideAuthorship(mintBy(A, { tokenId: trackIdOf(B, contentDigest) }), signedBy(A)).authorship).toBe(
      'unverified',
    );
  });

  it('lists every problem, the minter/signer mismatch first', () => {
    const decision = decideAuthorship(
      mintBy(B, { tokenId: 1n }),
      signedBy(A, { signature: { valid: false, reason: 'not the creator' } }),
    );
    expect(decision.reason?.split('; ')).toEqual([
      `minted by ${B}, but the signed manifest names ${A}`,
      'manifest signature: not the creator',
      expect.stringMatching(/^token id 1 is not/),
    ]);
  });

  it('marks a folder without a usable manifest, or a mint by the zero address, unverified', () => {
    expect(decideAuthorship(mintBy(A), { ok: false, problem: 'manifest.json is missing' })).toEqual({
      authorship: 'unverified',
      reason: 'no signed manifest: manifest.json is missing',
    });
    const zero = '0x0000000000000000000000000000000000000000';
    expect(
      decideAuthorship({ tokenId: BigInt(contentDigest), creator: zero, contentDigest, manifestDigest }, signedBy(zero))
        .reason,
    ).toBe(`token id ${BigInt(contentDigest)} is not the minter's id for this folder`);
  });
});
