import { describe, expect, it } from 'vitest';
import { arrange } from '../arrangement/arrange';
import { track } from '../arrangement/types';
import {
  applyEdits,
  editLogJsonSchema,
  canRedo,
  canUndo,
  createHistory,
  current,
  editLog,
  EditLogError,
  parseEditLog,
  pushEdit,
  redo,
  serializeEditLog,
  undo,
  type EditOp,
} from './index';

const base = arrange({
  melody: [
    { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 },
    { pitch: 64, quantizedStartStep: 12, quantizedEndStep: 20, velocity: 100 },
    { pitch: 67, quantizedStartStep: 20, quantizedEndStep: 24, velocity: 100 },
  ],
  progression: ['C', 'G'],
  bars: 2,
  tempo: 120,
  key: 'C',
  scale: 'major',
  style: 'rock',
});

const ops: EditOp[] = [
  { op: 'transpose', semitones: 2, tracks: ['melody', 'bass', 'drums'] },
  { op: 'setTempo', bpm: 96 },
  { op: 'setInstrument', track: 'melody', instrument: 'flute' },
  { op: 'setMute', track: 'drums', muted: true },
  { op: 'setSolo', track: 'bass', solo: true },
  { op: 'addNote', track: 'melody', note: { pitch: 70, quantizedStartStep: 28, quantizedEndStep: 32, velocity: 90 } },
  {
    op: 'updateNote',
    track: 'melody',
    from: { pitch: 62, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 },
    to: { pitch: 63, quantizedStartStep: 1, quantizedEndStep: 3, velocity: 80 },
  },
  {
    op: 'removeNote',
    track: 'melody',
    note: { pitch: 69, quantizedStartStep: 20, quantizedEndStep: 24, velocity: 100 },
  },
  {
    op: 'regenerateBar',
    bar: 0,
    notes: [{ pitch: 72, quantizedStartStep: 8, quantizedEndStep: 10, velocity: 100 }],
    generation: { modelId: 'fixture', seed: 5, temperature: 1, backend: 'cpu' },
  },
];

describe('applyEdits', () => {
  it('replays every operation kind, purely', () => {
    const snapshot = JSON.stringify(base);
    const out = applyEdits(base, ops);
    expect(JSON.stringify(base)).toBe(snapshot);
    expect(out.tempo).toBe(96);
    expect(track(out, 'melody').instrument).toBe('flute');
    expect(track(out, 'drums').muted).toBe(true);
    expect(track(out, 'bass').solo).toBe(true);
    expect(track(out, 'drums').notes).toEqual(track(base, 'drums').notes); // drums are never transposed
    expect(track(out, 'bass').notes[0]?.pitch).toBe((track(base, 'bass').notes[0]?.pitch ?? 0) + 2);
    expect(track(out, 'chords').notes).toEqual(track(base, 'chords').notes);
    // bar 0 regenerated: the note crossing into bar 1 (12..20) was cut at 16? no: it starts in bar 0, so it is replaced
    expect(track(out, 'melody').notes).toEqual([
      { pitch: 72, quantizedStartStep: 8, quantizedEndStep: 10, velocity: 100 },
      { pitch: 70, quantizedStartStep: 28, quantizedEndStep: 32, velocity: 90 },
    ]);
  });
  it('cuts a note that runs into a regenerated bar', () => {
    const out = applyEdits(base, [
      { op: 'regenerateBar', bar: 1, notes: [], generation: { modelId: 'm', seed: 1, temperature: 1, backend: 'cpu' } },
    ]);
    expect(track(out, 'melody').notes).toEqual([
      { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 },
      { pitch: 64, quantizedStartStep: 12, quantizedEndStep: 16, velocity: 100 },
    ]);
  });
  it('rejects ops that do not fit, naming the op', () => {
    expect(() =>
      applyEdits(base, [
        {
          op: 'removeNote',
          track: 'melody',
          note: { pitch: 1, quantizedStartStep: 0, quantizedEndStep: 1, velocity: 1 },
        },
      ]),
    ).toThrow(/op 0: no such note/);
    expect(() =>
      applyEdits(base, [
        {
          op: 'addNote',
          track: 'melody',
          note: { pitch: 60, quantizedStartStep: 30, quantizedEndStep: 40, velocity: 1 },
        },
      ]),
    ).toThrow(EditLogError);
    expect(() => applyEdits(base, [{ op: 'setInstrument', track: 'drums', instrument: 'lead' }])).toThrow(EditLogError);
    expect(() => applyEdits(base, [{ op: 'transpose', semitones: 2, tracks: ['melody'] }, { op: 'explode' }])).toThrow(
      /op 1 is invalid/,
    );
    expect(() =>
      applyEdits(base, [
        {
          op: 'regenerateBar',
          bar: 0,
          notes: [{ pitch: 60, quantizedStartStep: 15, quantizedEndStep: 17, velocity: 9 }],
          generation: { modelId: 'm', seed: 1, temperature: 1, backend: 'cpu' },
        },
      ]),
    ).toThrow(/inside bar 0/);
  });
  it('serialises to versioned JSON that parses back and replays identically', () => {
    const text = serializeEditLog(ops);
    const log = parseEditLog(text);
    expect(log.version).toBe(1);
    expect(log.ops).toEqual(ops);
    expect(applyEdits(base, log.ops)).toEqual(applyEdits(base, ops));
    expect(() => parseEditLog('{"version":2,"ops":[]}')).toThrow(EditLogError);
    expect(() => parseEditLog('{"version":1,"ops":[{"op":"setTempo","bpm":96,"extra":1}]}')).toThrow(EditLogError);
    expect(() => parseEditLog('nope')).toThrow(/not JSON/);
  });
});

describe('JSON Schema', () => {
  it('describes every operation for verifiers outside TypeScript', () => {
    const text = JSON.stringify(editLogJsonSchema());
    for (const op of [
      'transpose',
      'setTempo',
      'setInstrument',
      'setMute',
      'setSolo',
      'addNote',
      'removeNote',
      'updateNote',
      'regenerateBar',
    ]) {
      expect(text).toContain(`"const":"${op}"`);
    }
  });
});

describe('undo/redo', () => {
  it('moves through the history; a new edit drops the redo tail; the log holds only applied ops', () => {
    let h = createHistory(base);
    expect(canUndo(h)).toBe(false);
    h = pushEdit(h, { op: 'setTempo', bpm: 90 });
    h = pushEdit(h, { op: 'setTempo', bpm: 80 });
    expect(current(h).tempo).toBe(80);
    h = undo(h);
    expect(current(h).tempo).toBe(90);
    expect(editLog(h).ops).toEqual([{ op: 'setTempo', bpm: 90 }]);
    expect(canRedo(h)).toBe(true);
    h = redo(h);
    expect(current(h).tempo).toBe(80);
    h = undo(undo(h));
    expect(current(h)).toBe(base);
    expect(undo(h)).toBe(h);
    h = redo(h);
    h = pushEdit(h, { op: 'setMute', track: 'bass', muted: true });
    expect(canRedo(h)).toBe(false);
    expect(editLog(h).ops).toEqual([
      { op: 'setTempo', bpm: 90 },
      { op: 'setMute', track: 'bass', muted: true },
    ]);
    expect(applyEdits(base, editLog(h).ops)).toEqual(current(h));
  });
  it('a failing edit leaves the history unchanged', () => {
    const h = createHistory(base);
    expect(() =>
      pushEdit(h, {
        op: 'regenerateBar',
        bar: 9,
        notes: [],
        generation: { modelId: 'm', seed: 1, temperature: 1, backend: 'cpu' },
      }),
    ).toThrow(EditLogError);
    expect(h.ops).toEqual([]);
  });
});

describe('edits in 3/4', () => {
  const waltz = arrange({
    melody: [
      { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 },
      { pitch: 64, quantizedStartStep: 8, quantizedEndStep: 16, velocity: 100 },
    ],
    progression: ['C', 'G'],
    bars: 2,
    tempo: 120,
    key: 'C',
    scale: 'major',
    style: 'rock',
    meter: '3/4',
  });
  const generation = { modelId: 'm', seed: 1, temperature: 1, backend: 'cpu-js' };
  it('regenerates a 12-step bar and refuses notes past it or past the piece', () => {
    const note = { pitch: 67, quantizedStartStep: 12, quantizedEndStep: 24, velocity: 100 };
    const out = applyEdits(waltz, [{ op: 'regenerateBar', bar: 1, notes: [note], generation }]);
    // the note running into bar 1 is cut at its start (step 12)
    expect(track(out, 'melody').notes).toEqual([
      { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 },
      { pitch: 64, quantizedStartStep: 8, quantizedEndStep: 12, velocity: 100 },
      note,
    ]);
    expect(out.meter).toBe('3/4');
    expect(() =>
      applyEdits(waltz, [
        { op: 'regenerateBar', bar: 0, notes: [{ ...note, quantizedStartStep: 4, quantizedEndStep: 13 }], generation },
      ]),
    ).toThrow(EditLogError);
    expect(() =>
      applyEdits(waltz, [{ op: 'addNote', track: 'melody', note: { ...note, quantizedEndStep: 25 } }]),
    ).toThrow(/after the last bar/);
  });
});
