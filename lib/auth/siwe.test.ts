import { createPublicClient, http } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { consumeNonce, issueNonce } from './nonces';
import { createSignInMessage, SignInError, verifySignIn, type SignInFailure } from './siwe';

const prisma = createPrismaClient(inject('databaseUrl'));
afterAll(() => prisma.$disconnect());
const account = privateKeyToAccount(generatePrivateKey());
const DOMAIN = 'localhost:3000';
const ORIGIN = `http://${DOMAIN}`;
const CHAIN = 31337;

async function signed(
  overrides: {
    domain?: string;
    uri?: string;
    chainId?: number;
    expirationTime?: Date;
    issuedAt?: Date;
    nonce?: string;
  } = {},
) {
  const nonce = overrides.nonce ?? (await issueNonce(prisma)).nonce;
  const message = createSignInMessage({
    address: account.address,
    chainId: overrides.chainId ?? CHAIN,
    domain: overrides.domain ?? DOMAIN,
    uri: overrides.uri ?? `http://${overrides.domain ?? DOMAIN}/`,
    nonce,
    ...(overrides.issuedAt ? { issuedAt: overrides.issuedAt } : {}),
    ...(overrides.expirationTime ? { expirationTime: overrides.expirationTime } : {}),
  });
  return { message, nonce, signature: await account.signMessage({ message }) };
}

const verify = (
  s: { message: string; signature: `0x${string}` },
  extra: Partial<Parameters<typeof verifySignIn>[0]> = {},
) =>
  verifySignIn({
    message: s.message,
    signature: s.signature,
    publicOrigins: [ORIGIN],
    chainId: CHAIN,
    consumeNonce: (n) => consumeNonce(prisma, n),
    ...extra,
  });

async function refusal(promise: Promise<unknown>): Promise<SignInFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignInError);
  return (error as SignInError).reason;
}

describe('Sign-In with Ethereum', () => {
  it('accepts a message signed by its address, once', async () => {
    const s = await signed();
    expect(s.message).toContain(`${DOMAIN} wants you to sign in with your Ethereum account:\n${account.address}`);
    await expect(verify(s)).resolves.toMatchObject({ address: account.address, chainId: CHAIN });
    expect(await refusal(verify(s))).toBe('nonce-invalid');
  });

  it('verifies through the chain too (public client: ECDSA, ERC-1271, ERC-6492)', async () => {
    const client = createPublicClient({ transport: http(inject('rpcUrl')) });
    await expect(verify(await signed(), { verifySignature: (a) => client.verifyMessage(a) })).resolves.toMatchObject({
      address: account.address,
    });
  });

  it('refuses another domain, another chain, an expired or not-yet-valid message, and a nonce never issued', async () => {
    expect(await refusal(verify(await signed({ domain: 'evil.example' })))).toBe('wrong-domain');
    expect(await refusal(verify(await signed({ chainId: 1 })))).toBe('wrong-chain');
    expect(
      await refusal(
        verify(await signed({ issuedAt: new Date(Date.now() - 60_000), expirationTime: new Date(Date.now() - 1_000) })),
      ),
    ).toBe('expired');
    const s = await signed();
    expect(await refusal(verify(s, { now: new Date(Date.now() + 60 * 60 * 1000) }))).toBe('expired');
    expect(await refusal(verify(await signed({ nonce: 'neverIssued12345' })))).toBe('nonce-invalid');
  });

  it('refuses a signature by someone else or over another message, without burning the nonce', async () => {
    const s = await signed();
    const other = privateKeyToAccount(generatePrivateKey());
    expect(
      await refusal(verify({ message: s.message, signature: await other.signMessage({ message: s.message }) })),
    ).toBe('bad-signature');
    expect(
      await refusal(verify({ message: s.message, signature: await account.signMessage({ message: s.message + ' ' }) })),
    ).toBe('bad-signature');
    expect(await refusal(verify({ message: s.message, signature: '0x1234' }))).toBe('bad-signature');
    await expect(verify(s)).resolves.toMatchObject({ address: account.address }); // the nonce is still good
  });

  it('checks domain and URI against the configured origins, whatever host the request named', async () => {
    // The relay: signed on evil.example, whose server forwards it with Host: evil.example. Nothing from the request
    // reaches the check, so it fails the same way it would from a browser.
    expect(await refusal(verify(await signed({ domain: 'evil.example' })))).toBe('wrong-domain');
    expect(await refusal(verify(await signed({ uri: 'https://evil.example/' })))).toBe('wrong-domain');
    expect(await refusal(verify(await signed({ uri: 'https://localhost:3000/' })))).toBe('wrong-domain'); // another scheme, another origin
    const both = ['http://localhost:3000', 'http://127.0.0.1:3000'];
    await expect(verify(await signed({ domain: '127.0.0.1:3000' }), { publicOrigins: both })).resolves.toMatchObject({
      address: account.address,
    });
    const deployed = ['https://motif.example'];
    expect(await refusal(verify(await signed(), { publicOrigins: deployed }))).toBe('wrong-domain');
    await expect(
      verify(await signed({ domain: 'motif.example', uri: 'https://motif.example/gallery' }), {
        publicOrigins: deployed,
      }),
    ).resolves.toMatchObject({ address: account.address });
  });

  it('refuses a malformed message', async () => {
    expect(await refusal(verify({ message: 'hello', signature: '0x00' }))).toBe('malformed');
  });
});
