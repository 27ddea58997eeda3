import { describe, expect, it } from 'vitest';
import { apiErrorOf, countdown, parseApprovalAnswer, parseProofAnswer } from './api-answers';

const h32 = `0x${'ab'.repeat(32)}`;

describe('editions API answers', () => {
  it('reads a proof, and nothing from a body that is not one', () => {
    expect(parseProofAnswer({ proof: [h32] })).toEqual([h32]);
    expect(parseProofAnswer({ proof: ['0x12'] })).toBeNull();
    expect(parseProofAnswer(null)).toBeNull();
  });

  it('reads an approval with its numbers as bigints and the minter checksummed', () => {
    const a = parseApprovalAnswer({
      editionId: '123',
      phase: 0,
      minter: '0x00000000000000000000000000000000000fee02',
      quantity: 2,
      nonce: '18446744073709551617',
      deadline: '1800000000',
      signature: `0x${'cd'.repeat(65)}`,
    });
    expect(a).toMatchObject({
      minter: '0x00000000000000000000000000000000000Fee02',
      quantity: 2,
      nonce: 18446744073709551617n,
      deadline: 1_800_000_000n,
    });
    expect(parseApprovalAnswer({ phase: 0 })).toBeNull();
  });

  it('reads the error body, or falls back', () => {
    expect(apiErrorOf({ error: 'no', reason: 'not-approved' }, 'x')).toEqual({ message: 'no', reason: 'not-approved' });
    expect(apiErrorOf('html', 'status 500')).toEqual({ message: 'status 500', reason: null });
  });

  it('counts down in hours under a day and in days above', () => {
    expect(countdown(3 * 3600 + 5 * 60 + 7)).toBe('3h 05m 07s');
    expect(countdown(2 * 86_400 + 3600 + 60)).toBe('2d 1h 1m');
    expect(countdown(-5)).toBe('0h 00m 00s');
  });
});
