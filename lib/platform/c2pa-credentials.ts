/**
 * The platform's C2PA signing credentials. Production: MOTIF_C2PA_SIGNING_KEY (PKCS#8 PEM of an ES256 key) and
 * MOTIF_C2PA_CERT_CHAIN (PEM, signer certificate first), optionally MOTIF_C2PA_TRUST_ANCHORS (PEM roots; default:
 * the chain's self-signed root); each is the PEM text itself or the path of a file holding it. Otherwise a local
 * root CA and signer are made on first use and kept in `<dataDir>/c2pa/` (key mode 0600), like the session secret,
 * so every file this data folder's platform signs verifies against the same root after a restart.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  generateLocalCredentials,
  parseCredentials,
  C2paCredentialsError,
  type C2paCredentials,
} from '../provenance/c2pa/credentials';

export const C2PA_DIR = 'c2pa';
const FILES = { key: 'signer-key.pem', chain: 'signer-chain.pem', anchors: 'trust-anchors.pem' } as const;

export type C2paEnv = {
  MOTIF_C2PA_SIGNING_KEY?: string;
  MOTIF_C2PA_CERT_CHAIN?: string;
  MOTIF_C2PA_TRUST_ANCHORS?: string;
};

/** PEM text given directly, or read from the file a value names. */
async function pemValue(name: string, value: string): Promise<string> {
  if (value.includes('-----BEGIN ')) return value.replace(/\\n/g, '\n');
  try {
    return await readFile(value, 'utf8');
  } catch (error) {
    throw new C2paCredentialsError(
      `${name} is neither PEM text nor a readable file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function readLocal(dir: string): Promise<{ keyPem: string; chainPem: string; trustAnchorsPem: string } | null> {
  const read = (f: string) => readFile(path.join(dir, f), 'utf8').catch(() => null);
  const [keyPem, chainPem, trustAnchorsPem] = await Promise.all([
    read(FILES.key),
    read(FILES.chain),
    read(FILES.anchors),
  ]);
  if (keyPem === null && chainPem === null && trustAnchorsPem === null) return null;
  if (keyPem === null || chainPem === null || trustAnchorsPem === null)
    throw new C2paCredentialsError(
      `${dir} is incomplete (needs ${Object.values(FILES).join(', ')}); nothing is replaced for you`,
    );
  return { keyPem, chainPem, trustAnchorsPem };
}

/** Reads `<dataDir>/c2pa/`, creating it (atomically: a fresh folder renamed into place) when absent. */
async function localCredentials(dataDir: string): Promise<C2paCredentials> {
  const dir = path.join(dataDir, C2PA_DIR);
  const existing = await readLocal(dir);
  if (existing) return parseCredentials(existing);
  await mkdir(dataDir, { recursive: true });
  const fresh = await generateLocalCredentials();
  const staging = path.join(dataDir, `.${C2PA_DIR}-${randomBytes(6).toString('hex')}`);
  await mkdir(staging, { mode: 0o700 });
  try {
    await writeFile(path.join(staging, FILES.key), fresh.keyPem, { mode: 0o600 });
    await writeFile(path.join(staging, FILES.chain), fresh.chainPem, { mode: 0o644 });
    await writeFile(path.join(staging, FILES.anchors), fresh.trustAnchorsPem, { mode: 0o644 });
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const raced = await readLocal(dir); // another process made it first: use theirs
    if (raced) return parseCredentials(raced);
    throw error;
  }
  return parseCredentials(fresh);
}

/** The signing credentials (see the module comment); throws C2paCredentialsError for bad configuration. */
export async function loadC2paCredentials(params: { env: C2paEnv; dataDir: string }): Promise<C2paCredentials> {
  const { MOTIF_C2PA_SIGNING_KEY: key, MOTIF_C2PA_CERT_CHAIN: chain, MOTIF_C2PA_TRUST_ANCHORS: anchors } = params.env;
  if (key || chain) {
    if (!key || !chain)
      throw new C2paCredentialsError('MOTIF_C2PA_SIGNING_KEY and MOTIF_C2PA_CERT_CHAIN must be set together');
    return parseCredentials({
      keyPem: await pemValue('MOTIF_C2PA_SIGNING_KEY', key),
      chainPem: await pemValue('MOTIF_C2PA_CERT_CHAIN', chain),
      ...(anchors ? { trustAnchorsPem: await pemValue('MOTIF_C2PA_TRUST_ANCHORS', anchors) } : {}),
    });
  }
  const local = await localCredentials(params.dataDir);
  // extra anchors (e.g. the roots of other deployments whose files this one verifies) are added to the local root
  return anchors
    ? { ...local, trustAnchorsPem: `${local.trustAnchorsPem}\n${await pemValue('MOTIF_C2PA_TRUST_ANCHORS', anchors)}` }
    : local;
}

const cache = new Map<string, Promise<C2paCredentials>>();

/** loadC2paCredentials once per process and configuration (the web app signs every pin with them). */
export function c2paCredentials(params: { env: C2paEnv; dataDir: string }): Promise<C2paCredentials> {
  const key = JSON.stringify([
    params.dataDir,
    params.env.MOTIF_C2PA_SIGNING_KEY,
    params.env.MOTIF_C2PA_CERT_CHAIN,
    params.env.MOTIF_C2PA_TRUST_ANCHORS,
  ]);
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = loadC2paCredentials(params).catch((error: unknown) => {
      cache.delete(key);
      throw error;
    });
    cache.set(key, loaded);
  }
  return loaded;
}

/**
 * The roots a verifier on this platform trusts, without making credentials: the configured or local ones (plus
 * MOTIF_C2PA_TRUST_ANCHORS), or undefined when neither exists (the signer's trust is then not checked).
 */
export async function c2paTrustAnchors(params: { env: C2paEnv; dataDir: string }): Promise<string | undefined> {
  const { MOTIF_C2PA_SIGNING_KEY: key, MOTIF_C2PA_CERT_CHAIN: chain, MOTIF_C2PA_TRUST_ANCHORS: anchors } = params.env;
  if (key || chain) return (await c2paCredentials(params)).trustAnchorsPem;
  const local = await readLocal(path.join(params.dataDir, C2PA_DIR));
  const extra = anchors ? await pemValue('MOTIF_C2PA_TRUST_ANCHORS', anchors) : undefined;
  const all = [local?.trustAnchorsPem, extra].filter((p): p is string => p !== undefined);
  return all.length > 0 ? all.join('\n') : undefined;
}
