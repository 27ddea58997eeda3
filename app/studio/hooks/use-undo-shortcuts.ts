'use client';
/** Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Y) undo and redo outside text fields (rule: lib/studio/shortcuts.ts). */
import { useEffect } from 'react';
import { undoShortcut } from '../../../lib/studio/shortcuts';

export function useUndoShortcuts(enabled: boolean, onUndo: () => void, onRedo: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target.tagName : null;
      const action = undoShortcut({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        targetTag: target,
      });
      if (!action) return;
      e.preventDefault();
      if (action === 'undo') onUndo();
      else onRedo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, onUndo, onRedo]);
}
