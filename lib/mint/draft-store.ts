/**
 * Browser-only: mint drafts in IndexedDB (database `motif-mint`, store `drafts`, key `id`), so a failed or
 * interrupted mint resumes after a reload. Values are structured clones (WAV/MIDI bytes included), so a draft is
 * deleted once it is consumed (see `isDraftConsumed`) or discarded.
 */
import type { MintDraft } from './draft';
import { newRecordId, objectStore } from '../idb/object-store';

const drafts = objectStore<MintDraft>('motif-mint', 'drafts', 'the mint draft');

export async function saveDraft(d: MintDraft): Promise<void> {
  await drafts.put(d);
}

// Drafts are this page's own structured clones (WAV bytes are too large to re-validate on each read).
export async function loadDraft(id: string): Promise<MintDraft | null> {
  return ((await drafts.get(id)) as MintDraft | undefined) ?? null;
}

export async function listDrafts(): Promise<MintDraft[]> {
  const all = (await drafts.getAll()) as MintDraft[];
  return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function deleteDraft(id: string): Promise<void> {
  await drafts.delete(id);
}

/** A draft is consumed once its track is minted or its voucher signed: its WAV now lives on IPFS. */
export function isDraftConsumed(d: Pick<MintDraft, 'progress'>): boolean {
  return d.progress.minted !== undefined || d.progress.voucher !== undefined;
}

/** Deletes `d` when it is consumed (the mint page calls this once runMint finishes); true when it was deleted. */
export async function releaseConsumedDraft(d: Pick<MintDraft, 'id' | 'progress'>): Promise<boolean> {
  if (!isDraftConsumed(d)) return false;
  await deleteDraft(d.id);
  return true;
}

export const newDraftId = newRecordId;
