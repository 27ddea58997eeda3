/**
 * Corpus hygiene for the evaluation splits (issue #18): a validation or test piece says nothing about how a model
 * does on unseen music when the model was trained on it. Two kinds are taken out of the evaluation splits:
 *
 * - **duplicate**: the same encoded piece (melody events, and chord symbols where the corpus has them) as a training
 *   piece or as an evaluation piece listed before it (train first, then valid, then test, each by id). Identical
 *   files (Nottingham's `hpps24.mid` in valid is byte for byte `hpps25.mid` in train) are the plainest case.
 * - **covered**: every bar-aligned 2-bar passage of the piece (32 sixteenth steps from step 0, 16, 32, ...; a
 *   passage without a note onset is not counted) appears somewhere in the training pieces, at any offset, in the
 *   same key or transposed.
 *
 * The training split is never changed: the shipped weights and their reproducibility do not depend on this. Pure
 * functions over encoded pieces (lib/generation/eval/corpus.ts loads them).
 */
import { MELODY_FIRST_PITCH } from '../notes/melody';
import type { Split } from './corpus';
import { STEPS_PER_BAR } from '../arrangement/types';

export type HygienePiece = {
  id: string;
  split: Split;
  events: readonly number[];
  chords?: readonly string[];
};

export type Removal = {
  id: string;
  split: 'valid' | 'test';
  reason: 'duplicate' | 'covered';
  /** The piece it duplicates (duplicates only). */
  of?: string;
};

/** Two bars of sixteenths. */
export const PASSAGE_STEPS = 32;

/**
 * A passage as a key that is the same for every transposition: pitches relative to the passage's first onset
 * (`p+3`, `p-2`), note-offs and no-events as themselves; null when the passage has no onset.
 */
export function passageKey(events: readonly number[], from: number, length = PASSAGE_STEPS): string | null {
  let first = -1;
  for (let i = from; i < from + length; i++)
    if ((events[i] ?? 0) >= MELODY_FIRST_PITCH) {
      first = events[i]!;
      break;
    }
  if (first < 0) return null;
  const parts: string[] = [];
  for (let i = from; i < from + length; i++) {
    const e = events[i] ?? 0;
    parts.push(e >= MELODY_FIRST_PITCH ? `p${e - first}` : String(e));
  }
  return parts.join(',');
}

/** Every passage of every piece, at every offset. */
export function passageIndex(pieces: readonly HygienePiece[], length = PASSAGE_STEPS): Set<string> {
  const index = new Set<string>();
  for (const p of pieces)
    for (let t = 0; t + length <= p.events.length; t++) {
      const key = passageKey(p.events, t, length);
      if (key !== null) index.add(key);
    }
  return index;
}

/** True when the piece has at least one counted bar-aligned passage and every one of them is in the index. */
export function whollyCovered(events: readonly number[], index: ReadonlySet<string>, length = PASSAGE_STEPS): boolean {
  let counted = 0;
  for (let t = 0; t + length <= events.length; t += STEPS_PER_BAR) {
    const key = passageKey(events, t, length);
    if (key === null) continue;
    if (!index.has(key)) return false;
    counted++;
  }
  return counted > 0;
}

function identity(p: HygienePiece): string {
  return `${p.events.join(',')}|${p.chords?.join(',') ?? ''}`;
}

const byId = (a: HygienePiece, b: HygienePiece) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The validation and test pieces to leave out of evaluation, each with its reason, in split then id order. */
export function evaluationRemovals(pieces: readonly HygienePiece[]): Removal[] {
  const train = pieces.filter((p) => p.split === 'train').sort(byId);
  const seen = new Map<string, string>();
  for (const p of train) if (!seen.has(identity(p))) seen.set(identity(p), p.id);
  const index = passageIndex(train);
  const removals: Removal[] = [];
  for (const split of ['valid', 'test'] as const)
    for (const p of pieces.filter((x) => x.split === split).sort(byId)) {
      const key = identity(p);
      const of = seen.get(key);
      if (of !== undefined) removals.push({ id: p.id, split, reason: 'duplicate', of });
      else {
        seen.set(key, p.id);
        if (whollyCovered(p.events, index)) removals.push({ id: p.id, split, reason: 'covered' });
      }
    }
  return removals;
}

/** The pieces without the removed evaluation pieces (training pieces all kept), and the removals. */
export function cleanEvaluationSplits<P extends HygienePiece>(
  pieces: readonly P[],
): { pieces: P[]; removed: Removal[] } {
  const removed = evaluationRemovals(pieces);
  const out = new Set(removed.map((r) => `${r.split}/${r.id}`));
  return { pieces: pieces.filter((p) => !out.has(`${p.split}/${p.id}`)), removed };
}

export type SplitPiece = HygienePiece & { sha256: string; chordsSha256?: string };

type RecordedPiece = { id: string; sha256: string; chordsSha256?: string };

/** What a model card records of its data: each split's pieces with their source hashes, and what was removed. */
export type SplitRecord = {
  rule: string;
  splits: Record<Split, { count: number; digest: string; pieces: RecordedPiece[] }>;
  removed: Array<Removal & { sha256: string }>;
};

const recorded = (p: SplitPiece): RecordedPiece =>
  p.chordsSha256 === undefined
    ? { id: p.id, sha256: p.sha256 }
    : { id: p.id, sha256: p.sha256, chordsSha256: p.chordsSha256 };

/**
 * The record of a model's splits after hygiene. A split's digest is sha256 over its lines `<sha256>  <id>\n` in id
 * order (`<sha256>+<chordsSha256>` where a piece has a chord file), so one hash names the split.
 */
export function splitRecord(all: readonly SplitPiece[], digest: (text: string) => string): SplitRecord {
  const { pieces, removed } = cleanEvaluationSplits(all);
  const split = (s: Split) => {
    const list = pieces
      .filter((p) => p.split === s)
      .sort(byId)
      .map(recorded);
    const lines = list.map((p) => `${p.sha256}${p.chordsSha256 ? `+${p.chordsSha256}` : ''}  ${p.id}\n`).join('');
    return { count: list.length, digest: digest(lines), pieces: list };
  };
  const shaOf = new Map(all.map((p) => [`${p.split}/${p.id}`, p.sha256]));
  return {
    rule: 'lib/generation/eval/hygiene.ts: valid/test pieces that duplicate an earlier piece or whose every bar-aligned 2-bar passage is in the training pieces (any transposition) are removed; train is never changed',
    splits: { train: split('train'), valid: split('valid'), test: split('test') },
    removed: removed.map((r) => ({ ...r, sha256: shaOf.get(`${r.split}/${r.id}`) ?? '' })),
  };
}

/** The model card's bullet on the splits (write-cards.ts and write-splits.ts write it). */
export function splitsCardBullet(r: SplitRecord): string {
  const removed = r.removed
    .map((x) => `\`${x.id}\` (${x.split}, ${x.reason === 'duplicate' ? `same as \`${x.of}\`` : 'covered'})`)
    .join(', ');
  return `- Splits after hygiene (lib/generation/eval/hygiene.ts): ${r.splits.train.count} train / ${r.splits.valid.count} valid /
  ${r.splits.test.count} test, each piece with the sha256 of its source in \`SPLITS.json\` beside this card (split
  digests: train \`${r.splits.train.digest}\`, valid \`${r.splits.valid.digest}\`, test \`${r.splits.test.digest}\`).
  Left out of validation and test (duplicates, and pieces whose every 2-bar passage is in training, transposed or
  not): ${removed || 'none'}. Training is unchanged; the checkpoint was chosen on the validation split as the
  trainer reads it (before hygiene), so the shipped weights do not depend on this. test/models/splits.test.ts checks
  this record against the splits the code computes.`;
}
