/**
 * A/B takes: the creator keeps the take they have (it becomes take A), composes another (take B), switches between
 * the two to listen, and chooses one. Pure reducer over any take value (the studio's composed work); the take shown,
 * edited, played and published is always `active`.
 */
export type TakeLabel = 'A' | 'B';

export type Takes<T> = {
  active: T | null;
  /** The other take, once one is kept; null when there is only one. */
  other: T | null;
  /** Which of the two `active` is (meaningful while `other` is set). */
  label: TakeLabel;
};

export type TakesEvent<T> =
  | { type: 'keep' }
  | { type: 'composed'; take: T }
  | { type: 'switch' }
  | { type: 'choose' }
  | { type: 'update'; take: T }
  | { type: 'reset'; active: T | null; other: T | null; label: TakeLabel };

export function singleTake<T>(active: T | null): Takes<T> {
  return { active, other: null, label: 'A' };
}

const flip = (l: TakeLabel): TakeLabel => (l === 'A' ? 'B' : 'A');

export function takesReducer<T>(s: Takes<T>, e: TakesEvent<T>): Takes<T> {
  switch (e.type) {
    // the take in hand becomes A; the next composition becomes B
    case 'keep':
      return s.active === null ? s : { active: s.active, other: s.active, label: 'B' };
    // a new composition always replaces take B, never the kept take A
    case 'composed':
      if (s.other === null) return singleTake(e.take);
      return s.label === 'B' ? { ...s, active: e.take } : { active: e.take, other: s.active, label: 'B' };
    case 'switch':
      return s.other === null ? s : { active: s.other, other: s.active, label: flip(s.label) };
    // keep the one being heard, let the other go
    case 'choose':
      return singleTake(s.active);
    // an edit changes the active take only
    case 'update':
      return { ...s, active: e.take };
    case 'reset':
      return { active: e.active, other: e.active === null ? null : e.other, label: e.label };
  }
}

/** The take that holds the kept A, whichever is active. */
export function takeA<T>(s: Takes<T>): T | null {
  return s.other === null || s.label === 'A' ? s.active : s.other;
}
