import { describe, expect, it } from 'vitest';
import { arrange } from '../generation/arrangement/arrange';
import type { Arrangement } from '../generation/arrangement/types';
import { defaultComposeRequest } from '../generation/compose/request';
import { createHistory, current, pushEdit, undo } from '../generation/edit-log/history';
import { defaultComposeForm } from './compose-form';
import {
  byRecency,
  focusAfterDelete,
  sessionHasWork,
  historyOf,
  newSession,
  parseSession,
  SessionError,
  sessionForCompose,
  sessionTitle,
  snapshotSession,
  takesOf,
  type ComposedResult,
} from './session';

const request = defaultComposeRequest({ seed: 5, bars: 4 });
const melody = [{ pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 }];
const baseParams = {
  melody,
  progression: ['C', 'G', 'Am', 'F'],
  bars: 4,
  tempo: 112,
  key: 'C',
  scale: 'major',
  style: 'pop',
} as const;
const base: Arrangement = arrange(baseParams);
const generation = { modelId: 'm', seed: 1, temperature: 1, backend: 'cpu-js' };
const result: ComposedResult = {
  request,
  melody,
  progression: ['C', 'G', 'Am', 'F'],
  progressionSource: 'request',
  digest: 'sha256:00',
  backend: 'cpu-js',
  tfjsVersion: '2.8.6',
  ms: 3,
};

function edited() {
  let h = createHistory(base);
  h = pushEdit(h, { op: 'transpose', semitones: 2, tracks: ['melody'] });
  h = pushEdit(h, { op: 'setTempo', bpm: 90 });
  h = pushEdit(h, { op: 'setMute', track: 'drums', muted: true });
  return undo(h); // cursor 2 of 3: redo must survive the round trip
}

describe('studio session', () => {
  it('round-trips through structured JSON: the rebuilt history has the same arrangement, cursor and redo tail', () => {
    const h = edited();
    const s = snapshotSession(
      newSession('a', '2026-12-03T07:00:00.000Z', defaultComposeForm()),
      '2026-12-03T07:01:00.000Z',
      defaultComposeForm(),
      { result, history: h },
    );
    const back = parseSession(JSON.parse(JSON.stringify(s)));
    expect(back).toEqual(s);
    const h2 = historyOf(back.composed!);
    expect(h2.cursor).toBe(2);
    expect(h2.ops).toEqual(h.ops);
    expect(current(h2)).toEqual(current(h));
    expect(current(h2).tempo).toBe(90);
    expect(sessionTitle(back)).toBe('4 bars in C major at 112 BPM, seed 5, 2 edits');
  });

  it('keeps the meter: the form, the 6/8 request and the 12-step arrangement come back from a reload', () => {
    const form = { ...defaultComposeForm(), meter: '6/8' as const };
    const waltzBase = arrange({ ...baseParams, meter: '6/8' });
    const s = snapshotSession(newSession('m', 't0', form), 't1', form, {
      result: { ...result, request: { ...request, meter: '6/8' } },
      history: pushEdit(createHistory(waltzBase), { op: 'regenerateBar', bar: 3, notes: [], generation }),
    });
    const back = parseSession(JSON.parse(JSON.stringify(s)));
    expect(back.form.meter).toBe('6/8');
    expect(back.composed?.result.request.meter).toBe('6/8');
    expect(current(historyOf(back.composed!)).meter).toBe('6/8');
    expect(sessionHasWork({ form, composed: null }, defaultComposeForm())).toBe(true);
  });

  it('refuses records that are not sessions, a cursor past the log, and a log that does not apply', () => {
    expect(() => parseSession({ id: 'x' })).toThrow(SessionError);
    const s = snapshotSession(newSession('a', 't', defaultComposeForm()), 't', defaultComposeForm(), {
      result,
      history: edited(),
    });
    expect(() => parseSession({ ...s, composed: { ...s.composed, cursor: 4 } })).toThrow(/past the end/);
    expect(() => parseSession({ ...s, version: 2 })).toThrow(SessionError);
    const bad = {
      ...s.composed!,
      ops: [
        {
          op: 'removeNote' as const,
          track: 'melody' as const,
          note: { pitch: 1, quantizedStartStep: 999, quantizedEndStep: 1000, velocity: 1 },
        },
      ],
      cursor: 1,
    };
    expect(() => historyOf(bad)).toThrow();
  });

  it('keeps both takes of an A/B comparison, with the one in hand; a session saved before A/B reads as one take', () => {
    const a = { result, history: createHistory(base) };
    const b = { result: { ...result, digest: 'sha256:bb' }, history: edited() };
    const s = snapshotSession(newSession('a', 't', defaultComposeForm()), 't1', defaultComposeForm(), {
      active: a,
      other: b,
      label: 'A',
    });
    const back = parseSession(JSON.parse(JSON.stringify(s)));
    const takes = takesOf(back);
    expect(takes.label).toBe('A');
    expect(takes.active?.result.digest).toBe('sha256:00');
    expect(takes.other?.result.digest).toBe('sha256:bb');
    expect(current(takes.other!.history)).toEqual(current(b.history));
    // with a kept take, composing again is take B of the same session
    expect(sessionForCompose(back, () => 'new', 't2').id).toBe('a');
    const {
      otherTake: _o,
      takeLabel: _l,
      ...before
    } = snapshotSession(newSession('old', 't', defaultComposeForm()), 't', defaultComposeForm(), a);
    const { ownPrimer: _p, ...oldForm } = before.form;
    const old = parseSession(JSON.parse(JSON.stringify({ ...before, form: oldForm })));
    expect(takesOf(old)).toMatchObject({ other: null, label: 'A' });
    expect(old.form.ownPrimer).toBeNull();
  });

  it('composing over composed work opens a new session; an empty one is reused', () => {
    const empty = newSession('a', 't', defaultComposeForm());
    expect(sessionForCompose(empty, () => 'b', 't2')).toBe(empty);
    const full = snapshotSession(
      empty,
      't1',
      { ...defaultComposeForm(), seed: 9 },
      { result, history: createHistory(base) },
    );
    const next = sessionForCompose(full, () => 'b', 't2');
    expect(next).toMatchObject({ id: 'b', createdAt: 't2', composed: null, form: { seed: 9 } });
    expect(sessionTitle(next)).toBe('Not composed yet: 8 bars in C major, seed 9');
  });

  it('lists newest first', () => {
    const mk = (id: string, at: string) => ({ ...newSession(id, at, defaultComposeForm()), updatedAt: at });
    expect(byRecency([mk('a', '2026-01-01'), mk('b', '2026-03-01'), mk('c', '2026-02-01')]).map((s) => s.id)).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  it('after a delete, focus goes to the next item, the previous when it was last, the heading when none is left', () => {
    expect(focusAfterDelete(['a', 'b', 'c'], 'a')).toEqual({ kind: 'item', id: 'b' });
    expect(focusAfterDelete(['a', 'b', 'c'], 'b')).toEqual({ kind: 'item', id: 'c' });
    expect(focusAfterDelete(['a', 'b', 'c'], 'c')).toEqual({ kind: 'item', id: 'b' });
    expect(focusAfterDelete(['a'], 'a')).toEqual({ kind: 'heading' });
    expect(focusAfterDelete(['a', 'b'], 'zz')).toEqual({ kind: 'item', id: 'a' });
  });

  it('keeps only sessions with work: composed, or a form that differs from the defaults', () => {
    const d = defaultComposeForm();
    expect(sessionHasWork({ form: d, composed: null }, d)).toBe(false);
    expect(sessionHasWork({ form: { ...d, seed: 43 }, composed: null }, d)).toBe(true);
    const s = snapshotSession(newSession('a', 't', d), 't', d, { result, history: createHistory(base) });
    expect(sessionHasWork(s, d)).toBe(true);
  });
});
