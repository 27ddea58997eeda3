import { describe, expect, it } from 'vitest';
import { cidOfBytes, cidOfFolder } from './cid-of-files';

const enc = new TextEncoder();

describe('cidOfBytes / cidOfFolder', () => {
  it('gives the known CIDv1 raw-leaf CID of "hello world\\n"', async () => {
    // A single raw block: CIDv1 raw codec over sha2-256 of the bytes, as `ipfs add --cid-version 1 --raw-leaves` gives.
    const cid = await cidOfBytes(enc.encode('hello world\n'));
    expect(cid.toString()).toBe('bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4');
  });

  it('changes the folder CID when one byte of one file changes', async () => {
    const a = await cidOfFolder([
      { path: 'a.txt', content: enc.encode('a') },
      { path: 'b/c.txt', content: enc.encode('c') },
    ]);
    const b = await cidOfFolder([
      { path: 'a.txt', content: enc.encode('a') },
      { path: 'b/c.txt', content: enc.encode('d') },
    ]);
    expect(a.toString()).toMatch(/^bafy/);
    expect(a.equals(b)).toBe(false);
  });
});
