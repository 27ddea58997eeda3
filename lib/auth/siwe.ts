import { getAddress, verifyMessage, type Address, type Hex } from 'viem';
import { createSiweMessage, parseSiweMessage, validateSiweMessage } from 'viem/siwe';
import { BaseError } from '../errors/base';

/** The statement every Motif sign-in message carries (shown by the wallet). */
export const SIWE_STATEMENT =
  'Sign in to Motif to edit your profile and drafts. This costs nothing and sends no transaction.';

export type SignInRequest = {
  address: Address;
  chainId: number;
  domain: string;
  uri: string;
  nonce: string;
  issuedAt?: Date;
  expirationTime?: Date;
};

/** The EIP-4361 message a wallet signs to sign in (built in the browser; the server re-checks every field). */
export function createSignInMessage(request: SignInRequest): string {
  return createSiweMessage({
    address: getAddress(request.address),
    chainId: request.chainId,
    domain: request.domain,
    uri: request.uri,
    nonce: request.nonce,
    version: '1',
    statement: SIWE_STATEMENT,
    issuedAt: request.issuedAt ?? new Date(),
    expirationTime: request.expirationTime ?? new Date(Date.now() + 10 * 60 * 1000),
  });
}

export type SignInFailure =
  'malformed' | 'wrong-domain' | 'wrong-chain' | 'expired' | 'not-yet-valid' | 'bad-signature' | 'nonce-invalid';

export class SignInError extends BaseError {
  override name = 'SignInError';
  constructor(
    readonly reason: SignInFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Checks a signature over a message by an address: EOA (ecrecover) by default; pass a public client's for ERC-1271. */
export type SignatureVerifier = (args: { address: Address; message: string; signature: Hex }) => Promise<boolean>;

export type VerifySignInParameters = {
  message: string;
  signature: Hex;
  /**
   * The origins Motif is served from (lib/config/env publicOrigins), from configuration and never from the request:
   * the message's domain must be one's host and its URI must be on that same origin.
   */
  publicOrigins: readonly string[];
  /** The chain Motif is configured for. */
  chainId: number;
  /** Consumes the message's nonce exactly once (lib/auth/nonces.ts consumeNonce). */
  consumeNonce: (nonce: string) => Promise<boolean>;
  verifySignature?: SignatureVerifier;
  now?: Date;
};

/**
 * Verifies a Sign-In with Ethereum message and signature: well-formed, for this domain and chain, inside its validity
 * window, signed by its address, and its nonce unused (consumed last, so a forged signature cannot burn a nonce).
 */
export async function verifySignIn(
  params: VerifySignInParameters,
): Promise<{ address: Address; chainId: number; expirationTime: Date | undefined }> {
  const now = params.now ?? new Date();
  const fields = parseSiweMessage(params.message);
  if (
    !fields.address ||
    !fields.domain ||
    !fields.nonce ||
    !fields.uri ||
    fields.version !== '1' ||
    fields.chainId === undefined
  ) {
    throw new SignInError('malformed', 'The sign-in message is not a complete EIP-4361 message');
  }
  const origin = params.publicOrigins.find((o) => new URL(o).host === fields.domain);
  if (!origin)
    throw new SignInError(
      'wrong-domain',
      `The message is for ${fields.domain}, not ${params.publicOrigins.map((o) => new URL(o).host).join(' or ')}`,
    );
  if (!URL.canParse(fields.uri) || new URL(fields.uri).origin !== origin)
    throw new SignInError('wrong-domain', `The message's URI ${fields.uri} is not on ${origin}`);
  if (fields.chainId !== params.chainId)
    throw new SignInError(
      'wrong-chain',
      `The message is for chain ${fields.chainId}; Motif runs on chain ${params.chainId}`,
    );
  if (fields.expirationTime && now >= fields.expirationTime)
    throw new SignInError('expired', 'The sign-in message has expired');
  if (fields.notBefore && now < fields.notBefore)
    throw new SignInError('not-yet-valid', 'The sign-in message is not valid yet');
  if (!validateSiweMessage({ message: fields, domain: fields.domain, time: now }))
    throw new SignInError('malformed', 'The sign-in message is not valid');
  const verify = params.verifySignature ?? ((args) => verifyMessage(args));
  let valid = false;
  try {
    valid = await verify({ address: fields.address, message: params.message, signature: params.signature });
  } catch {
    valid = false;
  }
  if (!valid) throw new SignInError('bad-signature', 'The signature is not from the address in the message');
  if (!(await params.consumeNonce(fields.nonce)))
    throw new SignInError('nonce-invalid', 'The sign-in nonce is unknown, expired or already used; ask for a new one');
  return { address: getAddress(fields.address), chainId: fields.chainId, expirationTime: fields.expirationTime };
}
