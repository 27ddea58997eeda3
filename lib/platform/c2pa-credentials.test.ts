/** The platform's C2PA key and certificates: made once in the data folder, reused after a restart, or configured. */
import { createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  C2paCredentialsError,
  generateLocalCredentials,
  parseCredentials,
  pemCertificates,
  type C2paCredentials,
} from '../provenance/c2pa/credentials';
import { c2paTrustAnchors, loadC2paCredentials } from './c2pa-credentials';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-c2pa-credentials-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const spki = (c: C2paCredentials) =>
  createPublicKey(c.privateKey).export({ type: 'spki', format: 'der' }).toString('hex');

describe('local credentials in the data folder', () => {
  it('are made on first use (key 0600, a root CA and a claim signer it issued) and reused after a restart', async () => {
    const dataDir = path.join(dir, 'first');
    expect(await c2paTrustAnchors({ env: {}, dataDir })).toBeUndefined(); // a verifier never makes them
    const first = await loadC2paCredentials({ env: {}, dataDir });
    const keyFile = path.join(dataDir, 'c2pa', 'signer-key.pem');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const chain = pemCertificates(await readFile(path.join(dataDir, 'c2pa', 'signer-chain.pem'), 'utf8'));
    expect(chain.map((c) => c.subject)).toEqual([
      'CN=Motif (local) C2PA claim signer, O=Motif (local)',
      'CN=Motif (local) C2PA Root CA, O=Motif (local)',
    ]);
    expect(chain[0]?.issuer).toBe(chain[1]?.subject);
    expect(first.chain).toHaveLength(1); // the root is a trust anchor, not part of the x5chain
    // a restart (a new process: nothing cached) finds the same key and certificates
    const again = await loadC2paCredentials({ env: {}, dataDir });
    expect(spki(again)).toBe(spki(first));
    expect(again.chain).toEqual(first.chain);
    expect(again.trustAnchorsPem).toBe(first.trustAnchorsPem);
    expect(await c2paTrustAnchors({ env: {}, dataDir })).toBe(first.trustAnchorsPem);
  });

  it('two processes starting at once end up with one set of credentials', async () => {
    const dataDir = path.join(dir, 'race');
    const [a, b] = await Promise.all([
      loadC2paCredentials({ env: {}, dataDir }),
      loadC2paCredentials({ env: {}, dataDir }),
    ]);
    const kept = await loadC2paCredentials({ env: {}, dataDir });
    expect(spki(kept)).toBe(spki(a));
    expect(spki(kept)).toBe(spki(b));
  });

  it('an incomplete folder is reported, never replaced', async () => {
    const dataDir = path.join(dir, 'incomplete');
    await loadC2paCredentials({ env: {}, dataDir });
    await rm(path.join(dataDir, 'c2pa', 'trust-anchors.pem'));
    await expect(loadC2paCredentials({ env: {}, dataDir })).rejects.toThrow(/is incomplete/);
  });
});

describe('configured credentials (production)', () => {
  it("PEM text or a file path in MOTIF_C2PA_SIGNING_KEY / MOTIF_C2PA_CERT_CHAIN; anchors default to the chain's root", async () => {
    const pem = await generateLocalCredentials({ organisation: 'Label Co' });
    const keyFile = path.join(dir, 'prod-key.pem');
    await writeFile(keyFile, pem.keyPem);
    const loaded = await loadC2paCredentials({
      env: { MOTIF_C2PA_SIGNING_KEY: keyFile, MOTIF_C2PA_CERT_CHAIN: pem.chainPem },
      dataDir: path.join(dir, 'unused'),
    });
    expect(loaded.subject).toBe('CN=Label Co C2PA claim signer, O=Label Co');
    expect(pemCertificates(loaded.trustAnchorsPem).map((c) => c.subject)).toEqual([
      'CN=Label Co C2PA Root CA, O=Label Co',
    ]);
  });

  it('refuses a key without its certificate, a chain of another key, and a CA as signer', async () => {
    const a = await generateLocalCredentials();
    const b = await generateLocalCredentials();
    await expect(loadC2paCredentials({ env: { MOTIF_C2PA_SIGNING_KEY: a.keyPem }, dataDir: dir })).rejects.toThrow(
      /must be set together/,
    );
    expect(() => parseCredentials({ keyPem: a.keyPem, chainPem: b.chainPem })).toThrow(/not the signing key's/);
    const rootOnly = b.chainPem.slice(
      b.chainPem.indexOf('-----END CERTIFICATE-----') + '-----END CERTIFICATE-----'.length,
    );
    expect(() => parseCredentials({ keyPem: a.keyPem, chainPem: rootOnly })).toThrow(C2paCredentialsError);
  });
});
