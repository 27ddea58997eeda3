import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSignedManifest, verifyManifestSignature } from '../provenance/signed-manifest';
import { signDraftManifest } from './sign-draft-manifest';
import { startMintChain, testDraft, type MintChain } from './testing/mint-chain';

let c: MintChain;
beforeAll(async () => {
  c = await startMintChain();
});
afterAll(async () => c?.stop());

describe('signDraftManifest', () => {
  it('the creator signs the draft manifest for this chain and collection', async () => {
    const { wallet } = await c.funded();
    const draft = await testDraft(wallet.account.address, { licence: 'CC0-1.0' });
    const signed = await signDraftManifest(wallet, {
      draft,
      collection: c.contracts.collection,
      chainId: c.chain.id,
      now: '2026-12-03T10:00:00.000Z',
    });
    expect(signed.creator).toBe(wallet.account.address);
    const parsed = parseSignedManifest(JSON.parse(signed.manifestJson));
    expect(parsed.manifest.licence).toMatchObject({ id: 6, name: 'CC0-1.0' });
    expect(parsed.manifestDigest).toBe(signed.manifestDigest);
    const check = await verifyManifestSignature({
      signed: parsed,
      expectedDomain: { chainId: c.chain.id, verifyingContract: c.contracts.collection },
    });
    expect(check).toMatchObject({ valid: true });
    const elsewhere = await verifyManifestSignature({
      signed: parsed,
      expectedDomain: { chainId: 1, verifyingContract: c.contracts.collection },
    });
    expect(elsewhere.valid).toBe(false);
  });
});
