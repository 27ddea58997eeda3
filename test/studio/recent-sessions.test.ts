import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RecentSessions, type RecentSessionsProps } from '../../app/studio/panels/recent-sessions';
import { createHistory } from '../../lib/generation/edit-log/history';
import { defaultComposeForm } from '../../lib/studio/compose-form';
import { newSession, snapshotSession } from '../../lib/studio/session';
import { arrangement, result } from './fixtures';

const html = (p: Partial<RecentSessionsProps>) =>
  renderToStaticMarkup(
    createElement(RecentSessions, {
      sessions: [],
      currentId: null,
      problem: null,
      onOpen: () => undefined,
      onDelete: async () => undefined,
      onNew: () => undefined,
      ...p,
    }),
  );

describe('recent sessions', () => {
  it('says when there is nothing saved, and offers a new session', () => {
    const h = html({});
    expect(h).toContain('data-testid="no-sessions"');
    expect(h).toContain('>New session</button>');
    expect(h).toContain('<h2 id="sessions-h" tabindex="-1">Your sessions</h2>');
  });

  it('lists sessions with labelled Open and Delete; the open one is marked and cannot be reopened', () => {
    const a = snapshotSession(
      newSession('a', '2026-12-03T07:00:00.000Z', defaultComposeForm()),
      '2026-12-03T07:05:00.000Z',
      defaultComposeForm(),
      { result, history: createHistory(arrangement) },
    );
    const b = { ...newSession('b', '2026-12-03T06:00:00.000Z', { ...defaultComposeForm(), seed: 9 }) };
    const h = html({ sessions: [a, b], currentId: 'a', problem: 'Your session could not be saved: quota' });
    expect(h).toContain('<li aria-current="true" data-session="a">');
    expect(h).toContain('aria-label="Open session: 4 bars in C major at 112 BPM, seed 5, 0 edits" disabled=""');
    expect(h).toContain('data-delete="b" aria-label="Delete session: Not composed yet: 8 bars in C major, seed 9"');
    expect(h).toContain('role="alert"');
    expect(h).toContain('quota');
  });
});
