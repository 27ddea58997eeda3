import { describe, expect, it } from 'vitest';
import { getAddress } from 'viem';
import { avatarOf } from './avatar';

const a = getAddress('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266');
const b = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');

describe('generated avatar', () => {
  it('is a function of the address alone, whatever its case', () => {
    expect(avatarOf(a)).toEqual(avatarOf(a.toLowerCase() as typeof a));
    expect(avatarOf(a)).not.toEqual(avatarOf(b));
  });

  it('is a left-right symmetric pattern inside the 5 x 5 grid, with a hue in degrees', () => {
    for (const address of [a, b]) {
      const { hue, cells } = avatarOf(address);
      expect(hue).toBeGreaterThanOrEqual(0);
      expect(hue).toBeLessThan(360);
      const key = (x: number, y: number) => `${x},${y}`;
      const set = new Set(cells.map((c) => key(c.x, c.y)));
      expect(set.size).toBe(cells.length);
      for (const c of cells) {
        expect(c.x).toBeGreaterThanOrEqual(0);
        expect(c.x).toBeLessThan(5);
        expect(c.y).toBeGreaterThanOrEqual(0);
        expect(c.y).toBeLessThan(5);
        expect(set.has(key(4 - c.x, c.y))).toBe(true);
      }
    }
  });
});
