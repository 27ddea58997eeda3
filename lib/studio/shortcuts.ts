/** The studio's undo/redo keys: Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y redoes, never inside a text field. */
export type ShortcutKey = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  targetTag: string | null;
};

const TEXT_FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function undoShortcut(e: ShortcutKey): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || (e.targetTag !== null && TEXT_FIELDS.has(e.targetTag))) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y') return 'redo';
  return null;
}
