/**
 * The C2PA claim signature: a COSE_Sign1 (RFC 9052, tag 18) with a detached payload (the claim), ES256, the
 * certificate chain in the protected header (x5chain, label 33) and no time-stamp. c2pa-wasm hands its signer the
 * claim bytes and embeds what the signer returns as is ("direct COSE handling"), into a box reserved beforehand: the
 * result must be exactly `reserveSize` bytes, which coseReserveSize computes (an ES256 signature is always 64 bytes).
 */
import { sign, type KeyObject } from 'node:crypto';
import { encode } from 'cborg';
import { BaseError } from '../../errors/base';

const COSE_SIGN1_TAG = 0xd2; // major type 6 (tag), value 18
const HEADER_ALG = 1;
const HEADER_X5CHAIN = 33;
const ES256 = -7;
const ES256_SIGNATURE_BYTES = 64;

export class CoseSizeError extends BaseError {
  override name = 'CoseSizeError';
}

function protectedHeader(chain: readonly Uint8Array[]): Uint8Array {
  const x5chain = chain.length === 1 && chain[0] ? chain[0] : [...chain];
  return encode(
    new Map<number, number | Uint8Array | Uint8Array[]>([
      [HEADER_ALG, ES256],
      [HEADER_X5CHAIN, x5chain],
    ]),
  );
}

function envelope(protectedBytes: Uint8Array, signature: Uint8Array): Uint8Array {
  // the unprotected header is empty: no bytes in the signature box that the signature does not cover
  const body = encode([protectedBytes, new Map(), null, signature]);
  const out = new Uint8Array(body.byteLength + 1);
  out[0] = COSE_SIGN1_TAG;
  out.set(body, 1);
  return out;
}

/** The exact size of the COSE_Sign1 `coseSign1` makes for this chain. */
export function coseReserveSize(chain: readonly Uint8Array[]): number {
  return envelope(protectedHeader(chain), new Uint8Array(ES256_SIGNATURE_BYTES)).byteLength;
}

/** COSE_Sign1 over `claim` (Sig_structure "Signature1", empty external AAD), signature as r||s. */
export function coseSign1(params: {
  claim: Uint8Array;
  chain: readonly Uint8Array[];
  privateKey: KeyObject;
  reserveSize: number;
}): Uint8Array {
  const protectedBytes = protectedHeader(params.chain);
  const toBeSigned = encode(['Signature1', protectedBytes, new Uint8Array(0), params.claim]);
  const signature = new Uint8Array(sign('sha256', toBeSigned, { key: params.privateKey, dsaEncoding: 'ieee-p1363' }));
  const cose = envelope(protectedBytes, signature);
  if (cose.byteLength !== params.reserveSize)
    throw new CoseSizeError(`the COSE signature is ${cose.byteLength} bytes, ${params.reserveSize} were reserved`);
  return cose;
}
