import { BaseError } from '../errors/base';
/**
 * Browser-only: one IndexedDB object store (keyPath `id`) behind four promise calls. Each call opens the database,
 * runs one transaction and closes it, so no connection outlives a page and a version change never blocks.
 * Used by the mint drafts (lib/mint/draft-store.ts) and the studio sessions (lib/studio/session-store.ts).
 */
export type ObjectStore<T> = {
  put(value: T): Promise<void>;
  get(id: string): Promise<unknown>;
  getAll(): Promise<unknown[]>;
  delete(id: string): Promise<void>;
};

export class StorageUnavailableError extends BaseError {
  override name = 'StorageUnavailableError';
  constructor(what: string) {
    super(`IndexedDB is not available in this browser; ${what} cannot be saved`);
  }
}

export function objectStore<T>(database: string, store: string, what: string): ObjectStore<T> {
  const open = (): Promise<IDBDatabase> =>
    new Promise((resolve, reject) => {
      if (typeof indexedDB === 'undefined') {
        reject(new StorageUnavailableError(what));
        return;
      }
      const req = indexedDB.open(database, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store, { keyPath: 'id' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('could not open IndexedDB'));
    });

  async function tx<R>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<R>): Promise<R> {
    const db = await open();
    try {
      return await new Promise<R>((resolve, reject) => {
        const t = db.transaction(store, mode);
        const req = run(t.objectStore(store));
        t.oncomplete = () => resolve(req.result);
        t.onerror = () => reject(t.error ?? req.error ?? new Error('IndexedDB transaction failed'));
        t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
      });
    } finally {
      db.close();
    }
  }

  return {
    put: async (value) => {
      await tx('readwrite', (s) => s.put(value));
    },
    get: (id) => tx<unknown>('readonly', (s) => s.get(id)),
    getAll: () => tx<unknown[]>('readonly', (s) => s.getAll()),
    delete: async (id) => {
      await tx('readwrite', (s) => s.delete(id));
    },
  };
}

export function newRecordId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
