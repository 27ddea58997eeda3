import { describe, expect, it } from 'vitest';
import { shortHex } from './short-hex';

describe('shortHex', () => {
  it('keeps the first 6 and last 4 characters of an address or token id', () => {
    expect(shortHex('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBe('0xf39F…2266');
    expect(shortHex('1234567890123')).toBe('123456…0123');
  });

  it('returns short values whole', () => {
    expect(shortHex('')).toBe('');
    expect(shortHex('0x1234')).toBe('0x1234');
    expect(shortHex('123456789012')).toBe('123456789012');
  });
});
