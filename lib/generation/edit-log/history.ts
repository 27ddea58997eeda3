/**
 * Undo/redo over the edit log (pure, immutable). The log is `ops.slice(0, cursor)`: undo moves the cursor back,
 * redo forward, and a new edit drops the undone tail (as every editor does).
 */
import type { Arrangement } from '../arrangement/types';
import { applyEdit } from './apply';
import { EDIT_LOG_VERSION, type EditLog, type EditOp } from './schema';

export type EditHistory = {
  readonly base: Arrangement;
  readonly ops: readonly EditOp[];
  readonly cursor: number;
  /** The arrangement after ops[0..cursor) (kept for each position, so undo/redo are O(1)). */
  readonly states: readonly Arrangement[];
};

export function createHistory(base: Arrangement): EditHistory {
  return { base, ops: [], cursor: 0, states: [base] };
}

export function current(h: EditHistory): Arrangement {
  return h.states[h.cursor] ?? h.base;
}

/** Adds an edit (throws EditLogError when it does not apply; the history is then unchanged). */
export function pushEdit(h: EditHistory, op: EditOp): EditHistory {
  const next = applyEdit(current(h), op, h.cursor);
  return {
    base: h.base,
    ops: [...h.ops.slice(0, h.cursor), op],
    cursor: h.cursor + 1,
    states: [...h.states.slice(0, h.cursor + 1), next],
  };
}

export const canUndo = (h: EditHistory): boolean => h.cursor > 0;
export const canRedo = (h: EditHistory): boolean => h.cursor < h.ops.length;

export function undo(h: EditHistory): EditHistory {
  return canUndo(h) ? { ...h, cursor: h.cursor - 1 } : h;
}

export function redo(h: EditHistory): EditHistory {
  return canRedo(h) ? { ...h, cursor: h.cursor + 1 } : h;
}

/** The log to sign: the applied operations only (undone ones are not part of the work). */
export function editLog(h: EditHistory): EditLog {
  return { version: EDIT_LOG_VERSION, ops: h.ops.slice(0, h.cursor) };
}
