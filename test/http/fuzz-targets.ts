/**
 * What the fuzz corpus (fuzz-corpus.ts) needs from a running platform so that malformed bodies get past the sign-in
 * check to each route's own validation: a pinned folder, a real session and a real label. Shared by the e2e fuzz
 * test and `npm run bench -- fuzz`.
 */
import path from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { createSignInMessage } from '../../lib/auth/siwe';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { WAV_HEADER } from './fuzz-corpus';
import type { PlatformEnv } from '../support/start-process';

export const fuzzAccount = privateKeyToAccount(localDevAccounts(3)[2]!.privateKey);

/** Pins a small folder into the platform's IPFS repository; run before the platform starts (one repository owner). */
export async function pinFuzzFolder(env: PlatformEnv): Promise<string> {
  const storage = await HeliaStorage.open(path.join(env.MOTIF_DATA_DIR, 'ipfs'));
  try {
    return (
      await storage.addFolder([
        { path: 'track.wav', content: new Uint8Array(WAV_HEADER) },
        { path: 'metadata.json', content: new TextEncoder().encode('{"name":"x"}') },
      ])
    ).cid.toString();
  } finally {
    await storage.close();
  }
}

/** Signs in with SIWE and creates a label on the running platform. */
export async function signedInLabel(env: PlatformEnv): Promise<{ cookie: string; labelId: string }> {
  const base = `http://localhost:${env.MOTIF_APP_PORT}`;
  const { nonce } = (await (await fetch(`${base}/api/auth/nonce`)).json()) as { nonce: string };
  const message = createSignInMessage({
    address: fuzzAccount.address,
    chainId: 31337,
    domain: `localhost:${env.MOTIF_APP_PORT}`,
    uri: `${base}/`,
    nonce,
  });
  const signedIn = await fetch(`${base}/api/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message, signature: await fuzzAccount.signMessage({ message }) }),
  });
  if (signedIn.status !== 200) throw new Error(`sign-in answered ${signedIn.status}: ${await signedIn.text()}`);
  const cookie = signedIn.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  const label = await fetch(`${base}/api/labels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: '{"name":"Fuzz Records"}',
  });
  if (label.status !== 201) throw new Error(`label creation answered ${label.status}: ${await label.text()}`);
  const { id } = (await label.json()) as { id: string };
  return { cookie, labelId: id };
}
