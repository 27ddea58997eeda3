/**
 * Browser-only: mint drafts in IndexedDB (database `motif-mint`, store `drafts`, key `id`), so a failed or
 * interrupted mint resumes after a reload. Values are structured clones (WAV/MIDI bytes included).
 */
import type { MintDraft } from './draft';

const DB = 'motif-mint';
const STORE = 'drafts';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available in this browser; the mint draft cannot be saved'));
      return;
    }
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('could not open IndexedDB'));
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = run(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error ?? req.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export async function saveDraft(d: MintDraft): Promise<void> {
  await tx('readwrite', (s) => s.put(d));
}

export async function loadDraft(id: string): Promise<MintDraft | null> {
  const v = await tx<MintDraft | undefined>('readonly', (s) => s.get(id) as IDBRequest<MintDraft | undefined>);
  return v ?? null;
}

export async function listDrafts(): Promise<MintDraft[]> {
  const all = await tx<MintDraft[]>('readonly', (s) => s.getAll() as IDBRequest<MintDraft[]>);
  return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function deleteDraft(id: string): Promise<void> {
  await tx('readwrite', (s) => s.delete(id));
}

export function newDraftId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
