'use client';
/**
 * The studio session: the compose form and the composed work (result + edit history), restored on arrival (the
 * `?session=` in the URL, else the most recent one) and saved to IndexedDB on every change, in order. Composing over
 * composed work starts a new session, so earlier work stays in the recent list (rules: lib/studio/session.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComposeResult } from '../../../lib/generation/compose/compose';
import { createHistory, type EditHistory } from '../../../lib/generation/edit-log/history';
import { defaultComposeForm, type ComposeForm } from '../../../lib/studio/compose-form';
import {
  newSession,
  sessionForCompose,
  sessionHasWork,
  snapshotSession,
  takesOf,
  type ComposedResult,
  type StudioSession,
} from '../../../lib/studio/session';
import { singleTake, takesReducer, type Takes } from '../../../lib/studio/takes';
import {
  deleteSession,
  listSessions,
  loadSession,
  newSessionId,
  pruneSessions,
  saveSession,
} from '../../../lib/studio/session-store';

export type Work = { result: ComposedResult; history: EditHistory };

const now = (): string => new Date().toISOString();
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function showInUrl(id: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set('session', id);
  // keeps Next's own history state, so Back and client-side navigation still work
  window.history.replaceState(window.history.state, '', url);
}

export function useStudioSession(onRestored: (s: StudioSession) => void) {
  const [session, setSession] = useState<StudioSession | null>(null);
  const [form, setFormState] = useState<ComposeForm>(defaultComposeForm);
  const [takes, setTakes] = useState<Takes<Work>>(() => singleTake<Work>(null));
  const work = takes.active;
  const [list, setList] = useState<StudioSession[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const restoredCb = useRef(onRestored);
  restoredCb.current = onRestored;

  const refresh = useCallback(async () => {
    await pruneSessions();
    setList(await listSessions());
  }, []);

  const adopt = useCallback((s: StudioSession) => {
    let w = singleTake<Work>(null);
    try {
      w = takesOf(s);
    } catch (e) {
      setProblem(`Session ${s.id} could not be restored (${message(e)}); a new one was started.`);
      s = newSession(newSessionId(), now(), defaultComposeForm());
    }
    setSession(s);
    setFormState(s.form);
    setTakes(w);
    showInUrl(s.id);
    if (w.active) restoredCb.current(s);
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      const wanted = new URLSearchParams(window.location.search).get('session');
      let found: StudioSession | null = null;
      try {
        // a session id that was never saved (nothing composed yet) or was deleted starts empty under that id
        found = wanted
          ? ((await loadSession(wanted)) ?? newSession(wanted, now(), defaultComposeForm()))
          : ((await listSessions())[0] ?? null);
      } catch (e) {
        setProblem(`Your last session could not be read (${message(e)}); a new one was started.`);
      }
      if (!live) return;
      adopt(found ?? newSession(newSessionId(), now(), defaultComposeForm()));
      await refresh().catch((e: unknown) => setProblem(`Recent sessions could not be listed: ${message(e)}`));
    })();
    return () => {
      live = false;
    };
  }, [adopt, refresh]);

  // autosave, one write after another (IndexedDB does not order writes from separate connections)
  useEffect(() => {
    if (!session) return;
    const snap = snapshotSession(session, now(), form, takes);
    if (!sessionHasWork(snap, defaultComposeForm())) return;
    saving.current = saving.current
      .then(() => saveSession(snap))
      .then(refresh)
      .catch((e: unknown) => setProblem(`Your session could not be saved: ${message(e)}`));
  }, [session, form, takes, refresh]);

  const setForm = useCallback((patch: Partial<ComposeForm>) => setFormState((f) => ({ ...f, ...patch })), []);

  const setComposed = useCallback(
    (r: ComposeResult) => {
      if (!session) return;
      const { arrangement, ...result } = r;
      const take = { result, history: createHistory(arrangement) };
      const next = sessionForCompose(snapshotSession(session, now(), form, takes), newSessionId, now());
      if (next.id !== session.id) {
        setSession(next);
        showInUrl(next.id);
        setTakes(singleTake(take));
      } else setTakes((t) => takesReducer(t, { type: 'composed', take }));
    },
    [session, form, takes],
  );

  const setHistory = useCallback(
    (h: EditHistory) =>
      setTakes((t) => (t.active ? takesReducer(t, { type: 'update', take: { ...t.active, history: h } }) : t)),
    [],
  );

  /** A/B: keep the take in hand as A, switch between A and B, or choose the one in hand. */
  const takeAction = useCallback(
    (type: 'keep' | 'switch' | 'choose') => setTakes((t) => takesReducer(t, { type })),
    [],
  );

  const open = useCallback(
    async (id: string) => {
      await saving.current;
      try {
        const s = await loadSession(id);
        if (!s) throw new Error('it is no longer in this browser');
        setProblem(null);
        adopt(s);
      } catch (e) {
        setProblem(`Could not open that session: ${message(e)}`);
      }
    },
    [adopt],
  );

  const remove = useCallback(
    async (id: string) => {
      await saving.current;
      try {
        await deleteSession(id);
        if (id === session?.id) adopt(newSession(newSessionId(), now(), defaultComposeForm()));
        await refresh();
      } catch (e) {
        setProblem(`Could not delete that session: ${message(e)}`);
      }
    },
    [adopt, refresh, session],
  );

  const startNew = useCallback(async () => {
    await saving.current;
    setProblem(null);
    adopt(newSession(newSessionId(), now(), defaultComposeForm()));
  }, [adopt]);

  /** Resolves once every change so far is written (tests, and before leaving). */
  const flush = useCallback(() => saving.current, []);

  return {
    session,
    form,
    setForm,
    work,
    takes,
    takeAction,
    setComposed,
    setHistory,
    list,
    problem,
    open,
    remove,
    startNew,
    flush,
  };
}
