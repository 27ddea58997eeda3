/**
 * The platform's C2PA signing credentials: an ES256 (P-256) key and its X.509 chain, checked against the C2PA
 * certificate profile that c2pa-rs enforces (end-entity, digitalSignature key usage, an allowed extended key usage),
 * and the trust anchors a verifier accepts. Locally the platform makes its own root CA and signer certificate
 * (generateLocalCredentials); production passes PEM text (lib/platform/c2pa-credentials.ts).
 */
import 'reflect-metadata';
import { createPrivateKey, webcrypto, X509Certificate as NodeX509, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { BaseError } from '../../errors/base';

/** id-kp-documentSigning (RFC 9336) and c2pa-kp-claimSigning: extended key usages C2PA accepts for claim signers. */
export const DOCUMENT_SIGNING_EKU = '1.3.6.1.5.5.7.3.36';
export const C2PA_CLAIM_SIGNING_EKU = '1.3.6.1.4.1.62558.2.1';
/** Every extended key usage the C2PA certificate profile allows a claim signer (emailProtection included). */
const ALLOWED_EKUS = new Set([DOCUMENT_SIGNING_EKU, C2PA_CLAIM_SIGNING_EKU, '1.3.6.1.5.5.7.3.4']);
const ANY_EKU = '2.5.29.37.0';

export class C2paCredentialsError extends BaseError {
  override name = 'C2paCredentialsError';
}

export type C2paCredentials = {
  privateKey: KeyObject;
  /** DER certificates for the COSE x5chain: the signer first, then intermediates (never a self-signed root). */
  chain: Uint8Array[];
  /** PEM roots a verifier of this platform's files trusts. */
  trustAnchorsPem: string;
  /** The signer certificate's subject, for messages. */
  subject: string;
};

/** PEM texts as kept on disk or given by environment variables. */
export type C2paCredentialsPem = { keyPem: string; chainPem: string; trustAnchorsPem: string };

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM text, in order. */
export function pemCertificates(pem: string): x509.X509Certificate[] {
  return (pem.match(PEM_CERT) ?? []).map((block) => new x509.X509Certificate(block));
}

const selfSigned = (c: x509.X509Certificate) => c.subject === c.issuer;

/**
 * A fresh local root CA and a signer certificate it issued (validity `years`, default 50: without a time-stamp the
 * certificate is checked at verification time, so it must outlive the tracks). The root's key is not kept.
 */
export async function generateLocalCredentials(
  params: { organisation?: string; now?: Date; years?: number } = {},
): Promise<C2paCredentialsPem> {
  const crypto = webcrypto as Crypto;
  const org = params.organisation ?? 'Motif (local)';
  const notBefore = new Date((params.now ?? new Date()).getTime() - 60 * 60 * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (params.years ?? 50));
  const rootKeys = await crypto.subtle.generateKey(ALG, false, ['sign', 'verify']);
  const signerKeys = await crypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const root = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: `CN=${org} C2PA Root CA, O=${org}`,
      notBefore,
      notAfter,
      keys: rootKeys,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const signer = await x509.X509CertificateGenerator.create(
    {
      subject: `CN=${org} C2PA claim signer, O=${org}`,
      issuer: root.subject,
      notBefore,
      notAfter,
      publicKey: signerKeys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([DOCUMENT_SIGNING_EKU, C2PA_CLAIM_SIGNING_EKU], false),
        await x509.SubjectKeyIdentifierExtension.create(signerKeys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(root, false, crypto),
      ],
    },
    crypto,
  );
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', signerKeys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return {
    keyPem,
    chainPem: `${signer.toString('pem')}\n${root.toString('pem')}\n`,
    trustAnchorsPem: `${root.toString('pem')}\n`,
  };
}

/**
 * Parses and checks credentials: a P-256 key; a chain whose first certificate is the key's, an end entity with the
 * digitalSignature key usage and a C2PA claim-signing extended key usage, each certificate issued by the next; trust
 * anchors (default: the chain's self-signed root). Throws C2paCredentialsError naming what is wrong.
 */
export function parseCredentials(
  pem: { keyPem: string; chainPem: string; trustAnchorsPem?: string },
  now = new Date(),
): C2paCredentials {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem.keyPem);
  } catch (error) {
    throw new C2paCredentialsError(
      `the C2PA signing key is not a PEM private key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new C2paCredentialsError('the C2PA signing key must be an EC P-256 key (ES256)');
  const certs = pemCertificates(pem.chainPem);
  const signer = certs[0];
  if (!signer) throw new C2paCredentialsError('the C2PA certificate chain holds no PEM certificate');
  if (!new NodeX509(Buffer.from(signer.rawData)).checkPrivateKey(privateKey))
    throw new C2paCredentialsError("the first certificate of the C2PA chain is not the signing key's");
  if (selfSigned(signer))
    throw new C2paCredentialsError('the C2PA signer certificate must be issued by a CA, not self-signed');
  const basic = signer.getExtension(x509.BasicConstraintsExtension);
  if (basic?.ca) throw new C2paCredentialsError('the C2PA signer certificate must not be a CA');
  const usage = signer.getExtension(x509.KeyUsagesExtension);
  if (!usage || (usage.usages & x509.KeyUsageFlags.digitalSignature) === 0)
    throw new C2paCredentialsError('the C2PA signer certificate needs the digitalSignature key usage');
  const ekus = signer.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String) ?? [];
  if (ekus.includes(ANY_EKU) || !ekus.some((e) => ALLOWED_EKUS.has(e))) {
    throw new C2paCredentialsError(
      `the C2PA signer certificate needs an extended key usage C2PA allows (${[...ALLOWED_EKUS].join(', ')}), not anyExtendedKeyUsage`,
    );
  }
  for (const [i, c] of certs.entries()) {
    if (now < c.notBefore || now > c.notAfter)
      throw new C2paCredentialsError(
        `C2PA chain certificate ${i} (${c.subject}) is not valid now (${c.notBefore.toISOString()} to ${c.notAfter.toISOString()})`,
      );
    const issuer = certs[i + 1];
    if (issuer && c.issuer !== issuer.subject)
      throw new C2paCredentialsError(
        `C2PA chain certificate ${i} is issued by ${c.issuer}, the next one is ${issuer.subject}`,
      );
  }
  const last = certs[certs.length - 1];
  const anchorsPem = pem.trustAnchorsPem ?? (last && selfSigned(last) ? `${last.toString('pem')}\n` : undefined);
  if (!anchorsPem || pemCertificates(anchorsPem).length === 0)
    throw new C2paCredentialsError(
      'no C2PA trust anchor: give the root CA (the chain does not end in a self-signed root)',
    );
  return {
    privateKey,
    chain: certs.filter((c) => !selfSigned(c)).map((c) => new Uint8Array(c.rawData)),
    trustAnchorsPem: anchorsPem,
    subject: signer.subject,
  };
}
