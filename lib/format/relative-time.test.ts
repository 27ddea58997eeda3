import { describe, expect, it } from 'vitest';
import { exactTime, relativeTime } from './relative-time';

const now = new Date('2026-12-03T15:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe('relativeTime', () => {
  it('names the largest whole unit', () => {
    expect(relativeTime(ago(5), now)).toBe('just now');
    expect(relativeTime(ago(60), now)).toBe('1 minute ago');
    expect(relativeTime(ago(3 * 60 + 59), now)).toBe('3 minutes ago');
    expect(relativeTime(ago(2 * 3600), now)).toBe('2 hours ago');
    expect(relativeTime(ago(3 * 86_400), now)).toBe('3 days ago');
    expect(relativeTime(new Date(now.getTime() + 7200_000), now)).toBe('in 2 hours');
  });
  it('writes the exact time in UTC', () => {
    expect(exactTime(ago(3))).toBe('2026-12-03 14:59:57 UTC');
  });
});
