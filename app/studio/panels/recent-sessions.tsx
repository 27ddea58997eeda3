'use client';
/**
 * "Your sessions": the studio sessions saved in this browser, newest first, each with Open and Delete, and a New
 * session button. After a delete, focus moves to the next session's Delete (the previous one's for the last, the
 * heading when none is left: lib/studio/session.ts focusAfterDelete), never to the page body.
 */
import { useEffect, useRef, useState } from 'react';
import { focusAfterDelete, sessionTitle, type StudioSession } from '../../../lib/studio/session';

export type RecentSessionsProps = {
  sessions: readonly StudioSession[];
  currentId: string | null;
  problem: string | null;
  onOpen(id: string): void;
  onDelete(id: string): Promise<void>;
  onNew(): void;
};

const when = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function RecentSessions({ sessions, currentId, problem, onOpen, onDelete, onNew }: RecentSessionsProps) {
  const headingRef = useRef<HTMLHeadingElement | null>(null);
  const listRef = useRef<HTMLUListElement | null>(null);
  const [focusTarget, setFocusTarget] = useState<ReturnType<typeof focusAfterDelete> | null>(null);

  // runs once the list shows the deletion
  useEffect(() => {
    if (!focusTarget) return;
    const el =
      focusTarget.kind === 'heading'
        ? headingRef.current
        : listRef.current?.querySelector<HTMLButtonElement>(`[data-delete="${CSS.escape(focusTarget.id)}"]`);
    (el ?? headingRef.current)?.focus();
    setFocusTarget(null);
  }, [focusTarget, sessions]);

  const remove = async (id: string) => {
    const target = focusAfterDelete(
      sessions.map((s) => s.id),
      id,
    );
    await onDelete(id);
    setFocusTarget(target);
  };

  return (
    <section className="panel sessions" aria-labelledby="sessions-h">
      <div className="row spread">
        <h2 id="sessions-h" ref={headingRef} tabIndex={-1}>
          Your sessions
        </h2>
        <button type="button" className="secondary" onClick={onNew}>
          New session
        </button>
      </div>
      <p className="muted">Saved in this browser as you work: reload, go back or publish and nothing is lost.</p>
      {problem && (
        <p role="alert" className="error" data-testid="session-problem">
          {problem}
        </p>
      )}
      {sessions.length === 0 ? (
        <p data-testid="no-sessions">No saved sessions yet: compose something and it is kept here.</p>
      ) : (
        <ul ref={listRef} className="session-list" aria-label="Recent sessions">
          {sessions.map((s) => {
            const title = sessionTitle(s);
            const current = s.id === currentId;
            return (
              <li key={s.id} aria-current={current ? 'true' : undefined} data-session={s.id}>
                <span className="session-title">{title}</span>{' '}
                <span className="muted">
                  {current ? 'open now · ' : ''}saved {when(s.updatedAt)}
                </span>
                <span className="session-actions">
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => onOpen(s.id)}
                    aria-label={`Open session: ${title}`}
                    disabled={current}
                  >
                    Open
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    data-delete={s.id}
                    onClick={() => void remove(s.id)}
                    aria-label={`Delete session: ${title}`}
                  >
                    Delete
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
