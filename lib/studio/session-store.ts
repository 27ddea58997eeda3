/**
 * Browser-only: studio sessions in IndexedDB (database `motif-studio`, store `sessions`, key `id`). A record that no
 * longer parses (written by an older build, or edited by hand) is skipped in the list and reported on open.
 */
import { newRecordId, objectStore } from '../idb/object-store';
import { byRecency, parseSession, type StudioSession } from './session';

const sessions = objectStore<StudioSession>('motif-studio', 'sessions', 'the studio session');

/** How many sessions the store keeps; older ones are deleted on save. */
export const MAX_SESSIONS = 20;

export async function saveSession(s: StudioSession): Promise<void> {
  await sessions.put(s);
}

export async function loadSession(id: string): Promise<StudioSession | null> {
  const raw = await sessions.get(id);
  return raw === undefined ? null : parseSession(raw);
}

export async function listSessions(): Promise<StudioSession[]> {
  const ok: StudioSession[] = [];
  for (const raw of await sessions.getAll()) {
    try {
      ok.push(parseSession(raw));
    } catch {
      // unreadable records are not listed (and not deleted: nothing is thrown away silently)
    }
  }
  return byRecency(ok);
}

export async function deleteSession(id: string): Promise<void> {
  await sessions.delete(id);
}

/** Deletes the oldest sessions past MAX_SESSIONS; returns the ids kept, newest first. */
export async function pruneSessions(): Promise<string[]> {
  const all = await listSessions();
  await Promise.all(all.slice(MAX_SESSIONS).map((s) => sessions.delete(s.id)));
  return all.slice(0, MAX_SESSIONS).map((s) => s.id);
}

export const newSessionId = newRecordId;
