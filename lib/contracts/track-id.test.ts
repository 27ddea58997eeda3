import { getAddress, keccak256, toHex, type Address, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { creatorOfTrackId, InvalidTrackIdError, trackIdOf } from './track-id';

const A = getAddress('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266');
const B = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
const content = keccak256(toHex('a track folder'));

describe('trackIdOf / creatorOfTrackId', () => {
  it('puts the creator in the top 160 bits and the low 96 bits of the content digest below', () => {
    const id = trackIdOf(A, content);
    expect(id >> 96n).toBe(BigInt(A));
    expect(id & ((1n << 96n) - 1n)).toBe(BigInt(content) & ((1n << 96n) - 1n));
    expect(toHex(id, { size: 32 })).toBe(`0x${A.slice(2).toLowerCase()}${content.slice(-24)}`);
  });

  it('round-trips the creator, checksummed, whatever the case it was given in', () => {
    for (const creator of [A, B, A.toLowerCase() as Address, '0x0000000000000000000000000000000000000001' as Address]) {
      expect(creatorOfTrackId(trackIdOf(creator, content))).toBe(getAddress(creator));
    }
  });

  it('gives different creators different ids for the same content, and ignores the digest above 96 bits', () => {
    expect(trackIdOf(A, content)).not.toBe(trackIdOf(B, content));
    const sameLow = `0x${'f'.repeat(40)}${content.slice(-24)}` as Hex;
    expect(trackIdOf(A, sameLow)).toBe(trackIdOf(A, content));
    expect(trackIdOf(A, `0x${'0'.repeat(64)}`)).toBe(BigInt(A) << 96n);
  });

  it('rejects a zero or malformed creator, a malformed digest and an id without a creator', () => {
    expect(() => trackIdOf('0x0000000000000000000000000000000000000000', content)).toThrow(InvalidTrackIdError);
    expect(() => trackIdOf('0x1234' as Address, content)).toThrow(InvalidTrackIdError);
    expect(() => trackIdOf(A, '0x1234')).toThrow(InvalidTrackIdError);
    expect(() => trackIdOf(A, `0x${'g'.repeat(64)}` as Hex)).toThrow(InvalidTrackIdError);
    expect(() => creatorOfTrackId(BigInt(content) & ((1n << 96n) - 1n))).toThrow(/no creator namespace/);
    expect(() => creatorOfTrackId(0n)).toThrow(InvalidTrackIdError);
    expect(() => creatorOfTrackId(-1n)).toThrow(InvalidTrackIdError);
    expect(() => creatorOfTrackId(1n << 256n)).toThrow(InvalidTrackIdError);
  });
});
