import { describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../idb/object-store';
import { isDraftConsumed, releaseConsumedDraft } from './draft-store';

describe('draft store: when a draft may be deleted', () => {
  it('is consumed once minted or once its voucher is signed, not while only pinned or failed', () => {
    expect(isDraftConsumed({ progress: {} })).toBe(false);
    expect(isDraftConsumed({ progress: { minted: { tokenId: '1', txHash: '0x01', blockNumber: '3' } } })).toBe(true);
    expect(isDraftConsumed({ progress: { voucher: { json: '{}' } } })).toBe(true);
  });

  it('deletes only consumed drafts (in Node, with no IndexedDB, the delete is attempted and refused)', async () => {
    await expect(releaseConsumedDraft({ id: 'x', progress: {} })).resolves.toBe(false);
    await expect(releaseConsumedDraft({ id: 'x', progress: { voucher: { json: '{}' } } })).rejects.toThrow(
      StorageUnavailableError,
    );
  });
});
