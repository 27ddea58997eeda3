import { describe, expect, it } from 'vitest';
import { cidOfBytes, cidOfFolder } from './cid-of-files';
import { cidFromContentDigest, contentDigestOf } from './content-digest';

describe('content digest <-> folder CID', () => {
  it('round-trips a folder CID through the 32-byte digest the contract stores', async () => {
    const cid = await cidOfFolder([{ path: 'metadata.json', content: new TextEncoder().encode('{}') }]);
    const digest = contentDigestOf(cid);
    expect(digest).toMatch(/^0x[0-9a-f]{64}$/);
    expect(cidFromContentDigest(digest).toString()).toBe(cid.toString());
  });

  it('refuses a raw-leaf file CID, which is not a folder', async () => {
    const fileCid = await cidOfBytes(new Uint8Array([1]));
    expect(() => contentDigestOf(fileCid)).toThrow(/CIDv1 dag-pb/);
  });
});
