import { describe, expect, it } from 'vitest';
import { singleTake, takeA, takesReducer, type Takes, type TakesEvent } from './takes';

const run = (events: TakesEvent<string>[], from: Takes<string> = singleTake<string>(null)) =>
  events.reduce(takesReducer<string>, from);

describe('A/B takes', () => {
  it('keeps a take as A, composes B, switches between them, and chooses one', () => {
    let s = run([{ type: 'composed', take: 'first' }]);
    expect(s).toEqual({ active: 'first', other: null, label: 'A' });
    s = run([{ type: 'keep' }, { type: 'composed', take: 'second' }], s);
    expect(s).toEqual({ active: 'second', other: 'first', label: 'B' });
    s = takesReducer(s, { type: 'switch' });
    expect(s).toEqual({ active: 'first', other: 'second', label: 'A' });
    expect(takeA(s)).toBe('first');
    s = takesReducer(s, { type: 'switch' });
    expect(s.active).toBe('second');
    expect(takeA(s)).toBe('first');
    expect(takesReducer(s, { type: 'choose' })).toEqual({ active: 'second', other: null, label: 'A' });
    expect(takesReducer(takesReducer(s, { type: 'switch' }), { type: 'choose' }).active).toBe('first');
  });

  it('a new composition replaces B, never the kept A, even while A is heard', () => {
    const s = run([
      { type: 'composed', take: 'a' },
      { type: 'keep' },
      { type: 'composed', take: 'b1' },
      { type: 'switch' },
    ]);
    expect(s.label).toBe('A');
    const next = takesReducer(s, { type: 'composed', take: 'b2' });
    expect(next).toEqual({ active: 'b2', other: 'a', label: 'B' });
  });

  it('edits change the active take only; without a kept take, composing replaces it; nothing to keep or switch', () => {
    const s = run([{ type: 'composed', take: 'a' }, { type: 'keep' }, { type: 'update', take: 'a-edited' }]);
    expect(s).toEqual({ active: 'a-edited', other: 'a', label: 'B' });
    expect(
      run([
        { type: 'composed', take: 'x' },
        { type: 'composed', take: 'y' },
      ]),
    ).toEqual(singleTake('y'));
    const empty = singleTake<string>(null);
    expect(takesReducer(empty, { type: 'keep' })).toBe(empty);
    expect(takesReducer(singleTake('x'), { type: 'switch' })).toEqual(singleTake('x'));
    expect(takesReducer(empty, { type: 'reset', active: null, other: 'x', label: 'B' }).other).toBeNull();
  });
});
