/**
 * An outsider's check of the published vectors, sharing no code with Motif's (nor with viem, canonicalize or
 * multiformats): Keccak-256 written here from FIPS 202 with Ethereum's original padding, JCS (RFC 8785) written here,
 * the EIP-712 encoding done by hand, the signer's address derived from the test key with node:crypto's secp256k1,
 * and the notes digest and file sha256 with node:crypto. Section numbers refer to docs/provenance/SPEC.md.
 */
import { createECDH, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// ---- Keccak-256 (Keccak-f[1600], rate 1088 bits, padding 0x01 ... 0x80: Ethereum's, not NIST SHA3's 0x06) ----

const RC = [
  0x0000000000000001n,
  0x0000000000008082n,
  0x800000000000808an,
  0x8000000080008000n,
  0x000000000000808bn,
  0x0000000080000001n,
  0x8000000080008081n,
  0x8000000000008009n,
  0x000000000000008an,
  0x0000000000000088n,
  0x0000000080008009n,
  0x000000008000000an,
  0x000000008000808bn,
  0x800000000000008bn,
  0x8000000000008089n,
  0x8000000000008003n,
  0x8000000000008002n,
  0x8000000000000080n,
  0x000000000000800an,
  0x800000008000000an,
  0x8000000080008081n,
  0x8000000000008080n,
  0x0000000080000001n,
  0x8000000080008008n,
];
const ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
const MASK = (1n << 64n) - 1n;
const rotl = (x: bigint, n: number): bigint => (n === 0 ? x : ((x << BigInt(n)) | (x >> BigInt(64 - n))) & MASK);

function keccakF(s: bigint[]): void {
  for (let round = 0; round < 24; round++) {
    const c = [0, 1, 2, 3, 4].map(
      (x) => (s[x] ?? 0n) ^ (s[x + 5] ?? 0n) ^ (s[x + 10] ?? 0n) ^ (s[x + 15] ?? 0n) ^ (s[x + 20] ?? 0n),
    );
    for (let x = 0; x < 5; x++) {
      const d = (c[(x + 4) % 5] ?? 0n) ^ rotl(c[(x + 1) % 5] ?? 0n, 1);
      for (let y = 0; y < 25; y += 5) s[y + x] = (s[y + x] ?? 0n) ^ d;
    }
    const b = new Array<bigint>(25).fill(0n);
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(s[x + 5 * y] ?? 0n, ROT[x + 5 * y] ?? 0);
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 5; y++)
        s[x + 5 * y] =
          (b[x + 5 * y] ?? 0n) ^ (~(b[((x + 1) % 5) + 5 * y] ?? 0n) & MASK & (b[((x + 2) % 5) + 5 * y] ?? 0n));
    s[0] = (s[0] ?? 0n) ^ (RC[round] ?? 0n);
  }
}

function keccak256(data: Uint8Array): Uint8Array {
  const rate = 136;
  const padded = new Uint8Array(Math.floor(data.length / rate) * rate + rate);
  padded.set(data);
  padded[data.length] = (padded[data.length] ?? 0) ^ 0x01;
  padded[padded.length - 1] = (padded[padded.length - 1] ?? 0) ^ 0x80;
  const s = new Array<bigint>(25).fill(0n);
  for (let off = 0; off < padded.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let lane = 0n;
      for (let k = 7; k >= 0; k--) lane = (lane << 8n) | BigInt(padded[off + i * 8 + k] ?? 0);
      s[i] = (s[i] ?? 0n) ^ lane;
    }
    keccakF(s);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number(((s[Math.floor(i / 8)] ?? 0n) >> BigInt(8 * (i % 8))) & 0xffn);
  return out;
}

const hexOf = (b: Uint8Array): string => `0x${Buffer.from(b).toString('hex')}`;
const bytesOf = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex.replace(/^0x/, ''), 'hex'));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));
const word = (n: bigint): Uint8Array => bytesOf(n.toString(16).padStart(64, '0'));

// ---- JCS (RFC 8785) for the values JSON.parse gives ----

type J = null | boolean | number | string | J[] | { [k: string]: J };
const jsonValue: z.ZodType<J> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

function jcs(v: J): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v); // ECMAScript Number::toString, as RFC 8785 3.2.2.3
  if (typeof v === 'string') return JSON.stringify(v); // ES JSON.stringify escapes exactly as RFC 8785 3.2.2.2 asks
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  // Sort by UTF-16 code units: compare char codes, not locale.
  const keys = Object.keys(v).sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.charCodeAt(i) - b.charCodeAt(i);
    return a.length - b.length;
  });
  return `{${keys.map((k) => `${JSON.stringify(k)}:${jcs(v[k] ?? null)}`).join(',')}}`;
}

const caseSchema = z.object({ name: z.string(), input: z.unknown(), expected: z.unknown() });
const cases = (file: string) =>
  z.object({ cases: z.array(caseSchema) }).parse(JSON.parse(readFileSync(`docs/provenance/vectors/${file}`, 'utf8')))
    .cases;

describe('independent check of the vectors (no shared code)', () => {
  it('this Keccak-256 gives the known answers', () => {
    expect(hexOf(keccak256(new Uint8Array()))).toBe(
      '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    );
    expect(hexOf(keccak256(utf8('abc')))).toBe('0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
  });

  it('manifest-digest.json: JCS text and keccak256 digest (SPEC 4)', () => {
    for (const c of cases('manifest-digest.json')) {
      const input = z
        .object({ value: jsonValue })
        .or(z.object({ manifest: jsonValue }))
        .parse(c.input);
      const want = z
        .object({ canonical: z.string(), keccak256: z.string().optional(), digest: z.string().optional() })
        .parse(c.expected);
      const value = 'value' in input ? input.value : input.manifest;
      expect(jcs(value), c.name).toBe(want.canonical);
      expect(hexOf(keccak256(utf8(want.canonical))), c.name).toBe(want.digest ?? want.keccak256);
    }
  });

  it('eip712.json: domain separator, struct hash, signed hash by hand; the signer is the test key (SPEC 5)', () => {
    for (const c of cases('eip712.json')) {
      const input = z
        .object({
          domain: z.object({
            name: z.string(),
            version: z.string(),
            chainId: z.number(),
            verifyingContract: z.string(),
          }),
          message: z.object({ creator: z.string(), manifestDigest: z.string(), manifestVersion: z.number() }),
          privateKey: z.string(),
        })
        .parse(c.input);
      const want = z
        .object({
          encodeType: z.string(),
          domainSeparator: z.string(),
          structHash: z.string(),
          hash: z.string(),
          signer: z.string(),
        })
        .parse(c.expected);
      const address = (a: string) => word(BigInt(a));
      const domainType = keccak256(
        utf8('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'),
      );
      const domainSeparator = keccak256(
        concat(
          domainType,
          keccak256(utf8(input.domain.name)),
          keccak256(utf8(input.domain.version)),
          word(BigInt(input.domain.chainId)),
          address(input.domain.verifyingContract),
        ),
      );
      expect(want.encodeType).toBe('TrackManifest(address creator,bytes32 manifestDigest,uint16 manifestVersion)');
      const structHash = keccak256(
        concat(
          keccak256(utf8(want.encodeType)),
          address(input.message.creator),
          bytesOf(input.message.manifestDigest),
          word(BigInt(input.message.manifestVersion)),
        ),
      );
      expect(hexOf(domainSeparator), c.name).toBe(want.domainSeparator);
      expect(hexOf(structHash), c.name).toBe(want.structHash);
      expect(hexOf(keccak256(concat(new Uint8Array([0x19, 0x01]), domainSeparator, structHash))), c.name).toBe(
        want.hash,
      );
      const ecdh = createECDH('secp256k1');
      ecdh.setPrivateKey(bytesOf(input.privateKey));
      const publicKey = ecdh.getPublicKey(); // 0x04 || x || y
      const signer = hexOf(keccak256(publicKey.subarray(1)).subarray(12));
      expect(signer, c.name).toBe(want.signer.toLowerCase());
      expect(input.message.creator.toLowerCase(), c.name).toBe(signer);
    }
  });

  it('notes-digest.json and cids.json sha256 with node:crypto (SPEC 10, 2.2)', () => {
    for (const c of cases('notes-digest.json')) {
      const want = z.object({ canonical: z.string(), digest: z.string() }).parse(c.expected);
      expect(`sha256:${createHash('sha256').update(want.canonical).digest('hex')}`, c.name).toBe(want.digest);
    }
    for (const c of cases('cids.json')) {
      const r = z.object({ file: z.object({ hex: z.string() }) }).safeParse(c.input);
      if (!r.success) continue;
      const want = z.object({ sha256: z.string(), size: z.number() }).parse(c.expected);
      const bytes = Buffer.from(r.data.file.hex, 'hex');
      expect(`0x${createHash('sha256').update(bytes).digest('hex')}`, c.name).toBe(want.sha256);
      expect(bytes.length, c.name).toBe(want.size);
    }
  });
});
