import { hexToBytes, keccak256, type Address } from 'viem';

/** One cell of an avatar's 5 x 5 grid. */
export type AvatarCell = { x: number; y: number };

/** A generated avatar: a colour and a left-right symmetric 5 x 5 pattern. */
export type Avatar = { hue: number; cells: AvatarCell[] };

/**
 * The default avatar of an account, derived from its address alone (so it is the same on every page and every
 * node, and needs no upload): keccak256 of the lower-case address picks the hue and which cells of the left three
 * columns are filled; the right two mirror them, as identicons do.
 */
export function avatarOf(address: Address): Avatar {
  const bytes = hexToBytes(keccak256(new TextEncoder().encode(address.toLowerCase())));
  const hue = ((bytes[0]! << 8) | bytes[1]!) % 360;
  const cells: AvatarCell[] = [];
  for (let y = 0; y < 5; y++)
    for (let x = 0; x < 3; x++) {
      if ((bytes[2 + y * 3 + x]! & 1) === 0) continue;
      cells.push({ x, y });
      if (x < 2) cells.push({ x: 4 - x, y });
    }
  return { hue, cells };
}
